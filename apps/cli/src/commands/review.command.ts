import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import type { RuleFile } from '@sakip/rules';
import {
  DEFAULT_RULES_DIR,
  formatProblem,
  groupFindings,
  readDocumentFile,
  reviewBundles,
  type ReviewInput,
} from '@sakip/application/lean';
import type { CliContext } from '../context';
import type { Output } from '../output';

const FORMATS = ['table', 'csv', 'xlsx', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

interface ReviewOptions {
  now?: string;
  format: string;
  out?: string;
  rules?: string;
}

export function registerReviewCommand(program: Command, context: CliContext): void {
  program
    .command('review')
    .description(
      'review documents before submitting them: every rule on what the bundles say, each finding once (no database)',
    )
    .argument('<files...>', 'bundle files (sakip-bundle JSON) or workbooks (.xlsx)')
    .option('--now <date>', 'the date rules see as "now" (YYYY-MM-DD; default: today)')
    .option('--format <format>', FORMATS.join(', '), 'table')
    .option('--out <file>', 'write the findings to this file (needed for xlsx)')
    .option('--rules <dir>', 'rule files to use (default: ./rules of the installation)')
    .action(async (files: string[], options: ReviewOptions) => {
      process.exitCode = await review(context, files, options);
    });
}

async function review(
  context: CliContext,
  files: readonly string[],
  options: ReviewOptions,
): Promise<number> {
  const { out } = context;
  if (!(FORMATS as readonly string[]).includes(options.format))
    throw new Error(`--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`);
  const format = options.format as Format;
  if (format === 'xlsx' && !options.out)
    throw new Error('--format xlsx needs --out <file.xlsx> (a workbook is not text)');
  if (options.now !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.now))
    throw new Error(`--now must be a date YYYY-MM-DD, not "${options.now}"`);
  const now = options.now ?? context.clock.now().toISOString().slice(0, 10);

  // The rules library is loaded when a review runs, not when the command is registered (start-up).
  const { loadRules } = await import('@sakip/rules');
  const loaded = await loadRules(options.rules ? resolve(context.cwd, options.rules) : DEFAULT_RULES_DIR);
  if (loaded.problems.length > 0) {
    out.warn({
      id: 'Berkas aturan bermasalah (jalankan "sakip rules validate"):',
      en: 'Rule files with problems (run "sakip rules validate"):',
    });
    for (const p of loaded.problems)
      out.error(`  ${p.file}: ${p.problems.map((x) => `${x.path} ${x.message}`).join('; ')}`);
    return 1;
  }
  const inputs: ReviewInput[] = [];
  for (const file of files) {
    const read = await readDocumentFile(resolve(context.cwd, file));
    if (!read.ok) {
      out.error(`✗ ${basename(file)}: ${read.problems.map((p) => out.t(p)).join('; ')}`);
      return 1;
    }
    inputs.push({ name: basename(file), bundle: read.input.bundle, reading: read.input });
  }
  const outcome = await reviewBundles(inputs, {
    rules: loaded.rules,
    now,
    settings: context.settings.evaluation.settings,
  });
  if (!outcome.ok) {
    for (const { name, problems } of outcome.rejected) {
      out.warn({
        id: `✗ ${name} ditolak (${problems.length} masalah); tidak ada yang ditinjau:`,
        en: `✗ ${name} rejected (${problems.length} problems); nothing was reviewed:`,
      });
      for (const problem of problems) out.error(`  ${formatProblem(problem)}`);
    }
    return 1;
  }
  const { findings, records, documents } = outcome;
  const titles = new Map(loaded.rules.map((r) => [r.id, r]));
  const note = (text: { id: string; en: string }) =>
    format === 'table' || options.out ? out.say(text) : out.warn(text);
  for (const d of documents)
    note({
      id: `${d.title} (${d.kind} ${d.period.start}–${d.period.end}, ${d.organisationId}): ditinjau per ${now}.`,
      en: `${d.title} (${d.kind} ${d.period.start}–${d.period.end}, ${d.organisationId}): reviewed as of ${now}.`,
    });
  note({
    id: `${findings.length} temuan dari ${loaded.rules.length} aturan.`,
    en: `${findings.length} findings from ${loaded.rules.length} rules.`,
  });

  // The CSV and spreadsheet writers are loaded only when findings are written in those formats.
  const exports = format === 'csv' || format === 'xlsx' ? await import('@sakip/application') : undefined;
  const text =
    format === 'jsonl'
      ? records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '')
      : format === 'csv'
        ? exports!.findingsCsv(findings)
        : format === 'table'
          ? groupedTable(out, findings, titles)
          : undefined;
  if (options.out) {
    const file = resolve(context.cwd, options.out);
    await writeFile(
      file,
      format === 'xlsx' ? await exports!.findingsWorkbook(findings, titles) : (text ?? ''),
    );
    note({ id: `Temuan ditulis ke ${options.out}`, en: `Findings written to ${options.out}` });
  } else if (text !== undefined) out.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

const SEVERITY = {
  high: { id: 'tinggi', en: 'high' },
  medium: { id: 'sedang', en: 'medium' },
  low: { id: 'rendah', en: 'low' },
} as const;

/** One row per rule within a document: the count and the subjects. */
function groupedTable(
  out: Output,
  findings: Parameters<typeof groupFindings>[0],
  rules: ReadonlyMap<string, RuleFile>,
): string {
  const table = new Table({
    head: [
      out.t({ id: 'tingkat', en: 'severity' }),
      out.t({ id: 'kelas', en: 'class' }),
      out.t({ id: 'temuan', en: 'finding' }),
      out.t({ id: 'jumlah', en: 'count' }),
      out.t({ id: 'subjek', en: 'subjects' }),
    ],
    style: { head: [], border: [], compact: true },
    colWidths: [10, 28, 44, 7, 60],
    wordWrap: true,
  });
  for (const group of groupFindings(findings)) {
    const rule = rules.get(group.rule);
    const subjects = group.findings
      .map((f) => f.subject.indicatorId ?? f.subject.nodeId ?? f.subject.documentId ?? '')
      .filter(Boolean);
    table.push([
      out.t(SEVERITY[group.severity]),
      group.class,
      rule ? out.t(rule.title) : group.rule,
      group.findings.length,
      group.findings.length === 1
        ? out.t(group.findings[0]!.message)
        : subjects.slice(0, 12).join(', ') + (subjects.length > 12 ? ` … (+${subjects.length - 12})` : ''),
    ]);
  }
  return table.toString();
}
