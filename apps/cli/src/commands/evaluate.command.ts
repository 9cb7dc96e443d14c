import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import type { Finding } from '@sakip/rules';
import {
  findingsCsv,
  findingsWorkbook,
  type BatchRecord,
  type OrganisationSummary,
  type StoredRuleSet,
} from '@sakip/application';
import { cliCaller, withApplication, type CliContext } from '../context';
import type { Output } from '../output';
import { progressFor } from '../progress';
import { catchUpWithProgress } from './project.command';
import { evaluateShard, readParts, readPlan, requireSharedStore, runWorkers } from './evaluate-split';

const FORMATS = ['table', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

interface EvaluateOptions {
  document?: string;
  compliance?: boolean;
  year?: string;
  org?: string[];
  rules?: string;
  format: string;
  out?: string;
  now?: string;
  workers?: string;
  planOut?: string;
  plan?: string;
  shard?: string;
  partOut?: string;
  combine?: string[];
}

export function registerEvaluateCommand(program: Command, context: CliContext): void {
  program
    .command('evaluate')
    .description(
      'run every rule over every organisation (or --org) for a year; store the batch and show its findings',
    )
    .option('--year <year>', 'the year to evaluate (not with --plan: the plan has it)')
    .option('--org <organisation...>', 'only these organisations')
    .option('--document <id>', 'review only this stored document (its own statements)')
    .option(
      '--compliance',
      'also check compliance: what the store holds or lacks for the year (a missing or late LKjIP, no Renstra)',
    )
    .option(
      '--rules <dir>',
      'rule files to use, published as a new version when new (default: the published rule set; the first time, ./rules)',
    )
    .option('--format <format>', `${FORMATS.join(', ')}`, 'table')
    .option('--out <file>', 'write the findings to this file (needed for xlsx)')
    .option('--now <date>', 'the date rules see as "now" (YYYY-MM-DD; default: today)')
    .option(
      '--workers <n>',
      'split the organisations over n processes of this machine, as of one position and rule-set version, recorded as one batch (PostgreSQL)',
    )
    .option(
      '--plan-out <file>',
      'only plan a split batch: write its event position, rule-set version and organisations to this file (PostgreSQL)',
    )
    .option('--plan <file>', 'the plan of a split batch (with --shard or --combine)')
    .option(
      '--shard <i/n>',
      'evaluate shard i of n of --plan (e.g. 0/4), on any machine reaching the same store',
    )
    .option('--part-out <file>', 'where --shard writes its part of the batch')
    .option('--combine <parts...>', 'record the parts of --plan (every shard) as one batch')
    .action((options: EvaluateOptions) => evaluate(context, options));
}

async function evaluate(context: CliContext, options: EvaluateOptions): Promise<void> {
  const { out } = context;
  if (!(FORMATS as readonly string[]).includes(options.format))
    throw new Error(`--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`);
  if (options.format === 'xlsx' && !options.out)
    throw new Error('--format xlsx needs --out <file.xlsx> (a workbook is not text)');
  const workers = options.workers === undefined ? 1 : Number(options.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new Error(`--workers must be a number of processes from 1 to 64, not "${options.workers}"`);
  const split = workers > 1 || options.planOut || options.plan || options.shard || options.combine;
  if (split) requireSharedStore(context);
  if (options.shard || options.combine) {
    if (!options.plan) throw new Error('--shard and --combine need --plan <file> (made by --plan-out)');
    const plan = options.plan;
    if (options.shard) {
      const shard = options.shard;
      await withApplication(context, async (app) => {
        await catchUpWithProgress(context, app.infrastructure);
        await evaluateShard(context, app, {
          plan,
          shard,
          ...(options.partOut ? { partOut: options.partOut } : {}),
        });
      });
      return;
    }
    const started = Date.now();
    await withApplication(context, async ({ evaluations }) => {
      const { batch, findings } = await evaluations.combine(
        await readPlan(context, plan),
        await readParts(context, options.combine!),
        cliCaller(context),
      );
      const ruleSet = await evaluations.ruleSets.version(batch.ruleSet.version);
      await show(context, options, { batch, findings, ruleSet, started });
    });
    return;
  }
  if (options.year === undefined) throw new Error('--year is needed (the year to evaluate)');
  const year = Number(options.year);
  if (!/^\d{4}$/.test(options.year))
    throw new Error(`--year must be a year such as 2025, not "${options.year}"`);
  if (options.now !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.now))
    throw new Error(`--now must be a date YYYY-MM-DD, not "${options.now}"`);
  await withApplication(context, async ({ evaluations, infrastructure }) => {
    const caller = cliCaller(context);
    // The rule set first: storing a new version moves the log, and the read models catch up past it.
    const ruleSet = await evaluations.ruleSet(
      caller,
      options.rules ? resolve(context.cwd, options.rules) : undefined,
    );
    if (!options.rules) {
      const status = await evaluations.rulesStatus();
      const differences = status.added.length + status.changed.length + status.missing.length;
      if (differences > 0)
        out.warn({
          id: `Catatan: ${differences} berkas aturan di rules/ berbeda dari set aturan terbit versi ${ruleSet.version}; evaluasi ini memakai versi terbit ("sakip rules status", terbitkan dengan "sakip rules publish").`,
          en: `Note: ${differences} rule files in rules/ differ from published rule-set version ${ruleSet.version}; this evaluation uses the published version ("sakip rules status"; publish with "sakip rules publish").`,
        });
    }
    await catchUpWithProgress(context, infrastructure);
    const request = {
      year,
      ...(options.now ? { now: options.now } : {}),
      ...(options.org ? { organisations: options.org } : {}),
      kinds: options.compliance ? (['review', 'compliance'] as const) : (['review'] as const),
      ...(options.document ? { document: options.document } : {}),
    };
    const started = Date.now();
    if (options.planOut || workers > 1) {
      const plan = await evaluations.plan(request, ruleSet);
      if (options.planOut) {
        await writeFile(resolve(context.cwd, options.planOut), JSON.stringify(plan, null, 1));
        out.say({
          id: `Rencana evaluasi ${plan.batchId} ditulis ke ${options.planOut}: ${plan.organisations.length} perangkat daerah, per posisi event ${plan.asOf}, set aturan versi ${plan.ruleSet.version}. Jalankan "sakip evaluate --plan ${options.planOut} --shard i/n --part-out bagian-i.json" untuk setiap i, lalu "sakip evaluate --plan ${options.planOut} --combine bagian-*.json".`,
          en: `Evaluation plan ${plan.batchId} written to ${options.planOut}: ${plan.organisations.length} organisations, as of event position ${plan.asOf}, rule-set version ${plan.ruleSet.version}. Run "sakip evaluate --plan ${options.planOut} --shard i/n --part-out part-i.json" for every i, then "sakip evaluate --plan ${options.planOut} --combine part-*.json".`,
        });
        return;
      }
      out.warn({
        id: `Mengevaluasi ${plan.organisations.length} perangkat daerah dengan ${workers} proses…`,
        en: `Evaluating ${plan.organisations.length} organisations with ${workers} processes…`,
      });
      const parts = await runWorkers(context, plan, workers);
      const { batch, findings } = await evaluations.combine(plan, parts, caller);
      await show(context, options, { batch, findings, ruleSet, started });
      return;
    }
    const progress = progressFor(out, 'organisations');
    let shown = false;
    const { batch, findings } = await evaluations.run(request, caller, {
      ruleSet,
      onProgress: (done, total, organisationId) => {
        if (!shown) {
          shown = true;
          progress.start(total, out.t({ id: 'Mengevaluasi', en: 'Evaluating' }));
        }
        progress.update(done, organisationId);
      },
    });
    progress.stop();
    await show(context, options, { batch, findings, ruleSet, started });
  });
}

/** The account of a stored batch, its summary and findings (or the findings file). */
async function show(
  context: CliContext,
  options: EvaluateOptions,
  result: { batch: BatchRecord; findings: Finding[]; ruleSet: StoredRuleSet; started: number },
): Promise<void> {
  const { out } = context;
  const { batch, findings, ruleSet } = result;
  const format = options.format as Format;
  const summaries = (batch.summary as { organisations: OrganisationSummary[] }).organisations;
  const seconds = out.number((Date.now() - result.started) / 1000, 1);
  // Results on stdout; the account of the batch on stderr when stdout carries CSV.
  const note = (text: { id: string; en: string }) =>
    format === 'csv' && !options.out ? out.warn(text) : out.say(text);
  note({
    id: `Evaluasi ${batch.batchId}: ${summaries.length} perangkat daerah, ${findings.length} temuan dalam ${seconds} detik; per posisi event ${batch.asOf}, set aturan terbit versi ${batch.ruleSet.version} (${batch.ruleSet.hash.slice(0, 12)}).`,
    en: `Evaluation ${batch.batchId}: ${summaries.length} organisations, ${findings.length} findings in ${seconds} s; as of event position ${batch.asOf}, published rule set version ${batch.ruleSet.version} (${batch.ruleSet.hash.slice(0, 12)}).`,
  });
  if (format === 'table') {
    out.line(summaryTable(out, summaries));
    if (!options.out) out.line(findingsTable(out, findings));
  }
  if (format === 'csv' && !options.out) out.stdout.write(findingsCsv(findings));
  if (options.out) {
    const file = resolve(context.cwd, options.out);
    await writeFile(
      file,
      format === 'xlsx'
        ? await findingsWorkbook(findings, new Map(ruleSet.rules.map((r) => [r.id, r])), {
            batch,
            summaries,
          })
        : findingsCsv(findings),
    );
    note({ id: `Temuan ditulis ke ${options.out}`, en: `Findings written to ${options.out}` });
  }
}

function summaryTable(out: Output, summaries: readonly OrganisationSummary[]): string {
  const table = new Table({
    head: [
      out.t({ id: 'perangkat daerah', en: 'organisation' }),
      out.t({ id: 'temuan', en: 'findings' }),
      out.t({ id: 'tinggi/sedang/rendah', en: 'high/medium/low' }),
      out.t({ id: 'per kelas cacat', en: 'by defect class' }),
      out.t({ id: 'LKE (draf)', en: 'LKE (draft)' }),
    ],
    style: { head: [], border: [], compact: true },
  });
  for (const s of summaries)
    table.push([
      s.organisationName ?? s.organisationId,
      s.findings,
      `${s.bySeverity.high ?? 0}/${s.bySeverity.medium ?? 0}/${s.bySeverity.low ?? 0}`,
      Object.entries(s.byClass)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      `${out.number(s.lke.total)} ${s.lke.grade} *`,
    ]);
  const method = summaries[0]?.lke.method;
  return `${table.toString()}${method ? `\n  * ${out.t(method)}` : ''}`;
}

function findingsTable(out: Output, findings: readonly Finding[]): string {
  const table = new Table({
    head: [
      out.t({ id: 'aturan', en: 'rule' }),
      out.t({ id: 'tingkat', en: 'severity' }),
      out.t({ id: 'subjek', en: 'subject' }),
      out.t({ id: 'temuan', en: 'finding' }),
    ],
    style: { head: [], border: [], compact: true },
    colWidths: [34, 8, 30, 70],
    wordWrap: true,
  });
  for (const f of findings)
    table.push([
      f.ruleId,
      f.severity,
      [f.subject.nodeCode, f.subject.indicatorName ?? f.subject.nodeName, f.subject.period]
        .filter(Boolean)
        .join(' · '),
      out.t(f.message),
    ]);
  return table.toString();
}
