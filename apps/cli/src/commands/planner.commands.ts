import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { DOCUMENT_KINDS, isOneOf, isPeriod, type RawValue } from '@sakip/domain';
import {
  type ChangeContext,
  type CommandResult,
  type IndicatorChange,
  PlannerCommands,
} from '@sakip/application';
import { withInfrastructure, type CliContext } from '../context';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Values are kept as typed: "85,5" stays text (interpreted when read), so nothing is lost. */
const raw = (text: string): RawValue => text;

function integer(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, not "${text}"`);
  return Number(text);
}

function date(name: string, text: string | undefined): string | undefined {
  if (text !== undefined && !DATE.test(text))
    throw new Error(`${name} must be a date YYYY-MM-DD, not "${text}"`);
  return text;
}

function period(text: string): string {
  if (!isPeriod(text))
    throw new Error(`--period must be "2025", "2025-Q1", "2025-S1" or "2025-03", not "${text}"`);
  return text;
}

const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

interface Common {
  expectedVersion?: string;
}

export function registerPlannerCommands(program: Command, context: CliContext): void {
  const run = (
    work: (planner: PlannerCommands, ctx: ChangeContext) => Promise<CommandResult>,
    options: Common,
  ): Promise<void> =>
    withInfrastructure(context, async (infra) => {
      await infra.projector.catchUp(); // indicator references resolve against the read models
      const result = await work(new PlannerCommands(infra.store, infra.readModels), {
        actor: context.actor,
        now: context.clock.now().toISOString(),
        correlationId: randomUUID(),
        ...(options.expectedVersion !== undefined
          ? { expectedVersion: integer('--expected-version', options.expectedVersion) }
          : {}),
      });
      report(context, result);
    });
  const change = (ref: string, command: IndicatorChange, options: Common) =>
    run((planner, ctx) => planner.change(ref, command, ctx), options);
  const versionOption = [
    '--expected-version <n>',
    'the indicator version you saw; refused if it changed since',
  ] as const;

  program
    .command('revise-target')
    .description('revise a target (reason and a legal basis or document reference are required)')
    .argument('<indicator>', '"<organisation>:<indicator>"')
    .requiredOption('--year <year>', 'target year')
    .requiredOption('--value <value>', 'new target, as written ("82,5", "BB", …)')
    .requiredOption('--reason <reason>', 'why the target changes')
    .requiredOption('--effective-on <date>', 'date the revision takes effect (YYYY-MM-DD)')
    .option('--legal-basis <text>', 'legal basis, e.g. "Perbup 40/2025"')
    .option('--document-reference <text>', 'document the revision comes from')
    .option(...versionOption)
    .action(
      (
        ref: string,
        o: Common & {
          year: string;
          value: string;
          reason: string;
          effectiveOn: string;
          legalBasis?: string;
          documentReference?: string;
        },
      ) =>
        change(
          ref,
          {
            type: 'ReviseTarget',
            data: compact({
              year: integer('--year', o.year),
              value: raw(o.value),
              reason: o.reason,
              effectiveOn: date('--effective-on', o.effectiveOn)!,
              legalBasis: o.legalBasis,
              documentReference: o.documentReference,
            }),
          },
          o,
        ),
    );

  program
    .command('set-pk-target')
    .description('set the performance agreement (PK) target of a year')
    .argument('<indicator>', '"<organisation>:<indicator>"')
    .requiredOption('--year <year>', 'year of the agreement')
    .requiredOption('--value <value>', 'PK target, as written')
    .option('--signed-on <date>', 'date the agreement was signed (YYYY-MM-DD)')
    .option(...versionOption)
    .action((ref: string, o: Common & { year: string; value: string; signedOn?: string }) =>
      change(
        ref,
        {
          type: 'SetAgreementTarget',
          data: compact({
            year: integer('--year', o.year),
            value: raw(o.value),
            signedOn: date('--signed-on', o.signedOn),
          }),
        },
        o,
      ),
    );

  program
    .command('report-realisation')
    .description('report the realisation of a period')
    .argument('<indicator>', '"<organisation>:<indicator>"')
    .requiredOption('--period <period>', '"2025", "2025-Q1", "2025-S1" or "2025-03"')
    .requiredOption('--value <value>', 'realisation, as written')
    .option('--reported-achievement <value>', 'the achievement (capaian) the report states, as written')
    .option('--reported-on <date>', 'date of the report (YYYY-MM-DD)')
    .option(...versionOption)
    .action(
      (
        ref: string,
        o: Common & { period: string; value: string; reportedAchievement?: string; reportedOn?: string },
      ) =>
        change(
          ref,
          {
            type: 'ReportRealisation',
            data: compact({
              period: period(o.period),
              value: raw(o.value),
              reportedAchievement:
                o.reportedAchievement === undefined ? undefined : raw(o.reportedAchievement),
              reportedOn: date('--reported-on', o.reportedOn),
            }),
          },
          o,
        ),
    );

  program
    .command('correct-realisation')
    .description('correct a reported realisation (reason required)')
    .argument('<indicator>', '"<organisation>:<indicator>"')
    .requiredOption('--period <period>', '"2025", "2025-Q1", "2025-S1" or "2025-03"')
    .requiredOption('--value <value>', 'corrected realisation, as written')
    .requiredOption('--reason <reason>', 'why it is corrected')
    .option('--reported-achievement <value>', 'the corrected achievement the report states')
    .option('--corrected-on <date>', 'date of the correction (YYYY-MM-DD)')
    .option(...versionOption)
    .action(
      (
        ref: string,
        o: Common & {
          period: string;
          value: string;
          reason: string;
          reportedAchievement?: string;
          correctedOn?: string;
        },
      ) =>
        change(
          ref,
          {
            type: 'CorrectRealisation',
            data: compact({
              period: period(o.period),
              value: raw(o.value),
              reason: o.reason,
              reportedAchievement:
                o.reportedAchievement === undefined ? undefined : raw(o.reportedAchievement),
              correctedOn: date('--corrected-on', o.correctedOn),
            }),
          },
          o,
        ),
    );

  program
    .command('record-submission')
    .description('record that a document (renstra, renja, pk, lkjip) was submitted')
    .argument('<organisation>', 'organisation id')
    .requiredOption('--kind <kind>', DOCUMENT_KINDS.join(', '))
    .requiredOption('--year <year>', 'the year the document is for')
    .requiredOption('--submitted-on <date>', 'date of submission (YYYY-MM-DD)')
    .option('--document <id>', 'the document id, when it was imported')
    .option('--expected-version <n>', 'the organisation version you saw')
    .action(
      (
        organisationId: string,
        o: Common & { kind: string; year: string; submittedOn: string; document?: string },
      ) => {
        if (!isOneOf(DOCUMENT_KINDS, o.kind))
          throw new Error(`--kind must be one of ${DOCUMENT_KINDS.join(', ')}, not "${o.kind}"`);
        const kind = o.kind;
        return run(
          (planner, ctx) =>
            planner.recordSubmission(
              organisationId,
              compact({
                kind,
                year: integer('--year', o.year),
                submittedOn: date('--submitted-on', o.submittedOn)!,
                documentId: o.document,
              }),
              ctx,
            ),
          o,
        );
      },
    );
}

function report({ out }: CliContext, result: CommandResult): void {
  if (!result.changed) {
    out.say({
      id: `Tidak ada perubahan: sudah tercatat demikian (versi ${result.version}).`,
      en: `Nothing changed: it was already so (version ${result.version}).`,
    });
    return;
  }
  out.say({
    id: `✓ Disimpan: ${result.events.map((e) => e.type).join(', ')} — ${result.streamId}, versi ${result.version}, posisi ${result.position ?? '-'}`,
    en: `✓ Stored: ${result.events.map((e) => e.type).join(', ')} — ${result.streamId}, version ${result.version}, position ${result.position ?? '-'}`,
  });
}
