import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import type { Finding } from '@sakip/rules';
import { findingsCsv, findingsWorkbook, type OrganisationSummary } from '@sakip/application';
import { cliCaller, withApplication, type CliContext } from '../context';
import type { Output } from '../output';
import { progressFor } from '../progress';
import { catchUpWithProgress } from './project.command';

const FORMATS = ['table', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

interface EvaluateOptions {
  document?: string;
  compliance?: boolean;
  year: string;
  org?: string[];
  rules?: string;
  format: string;
  out?: string;
  now?: string;
}

export function registerEvaluateCommand(program: Command, context: CliContext): void {
  program
    .command('evaluate')
    .description(
      'run every rule over every organisation (or --org) for a year; store the batch and show its findings',
    )
    .requiredOption('--year <year>', 'the year to evaluate')
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
    .action((options: EvaluateOptions) => evaluate(context, options));
}

async function evaluate(context: CliContext, options: EvaluateOptions): Promise<void> {
  const { out } = context;
  const year = Number(options.year);
  if (!/^\d{4}$/.test(options.year))
    throw new Error(`--year must be a year such as 2025, not "${options.year}"`);
  if (!(FORMATS as readonly string[]).includes(options.format))
    throw new Error(`--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`);
  const format = options.format as Format;
  if (format === 'xlsx' && !options.out)
    throw new Error('--format xlsx needs --out <file.xlsx> (a workbook is not text)');
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
    const progress = progressFor(out, 'organisations');
    const started = Date.now();
    let shown = false;
    const { batch, findings } = await evaluations.run(
      {
        year,
        ...(options.now ? { now: options.now } : {}),
        ...(options.org ? { organisations: options.org } : {}),
        kinds: options.compliance ? ['review', 'compliance'] : ['review'],
        ...(options.document ? { document: options.document } : {}),
      },
      caller,
      {
        ruleSet,
        onProgress: (done, total, organisationId) => {
          if (!shown) {
            shown = true;
            progress.start(total, out.t({ id: 'Mengevaluasi', en: 'Evaluating' }));
          }
          progress.update(done, organisationId);
        },
      },
    );
    progress.stop();
    const summaries = (batch.summary as { organisations: OrganisationSummary[] }).organisations;
    const seconds = out.number((Date.now() - started) / 1000, 1);
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
  });
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
