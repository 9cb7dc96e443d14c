import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { NODE_LEVELS } from '@sakip/domain';
import { formatProblem, readDocumentFile } from '@sakip/application/lean';
import type { BundleImports, ImportOutcome, ImportProgress, ImportSummary } from '@sakip/application';
import { cliCaller, withApplication, type CliContext } from '../context';
import type { Output } from '../output';
import { progressFor } from '../progress';

export function registerImportCommand(program: Command, context: CliContext): void {
  program
    .command('import')
    .description(
      'validate sakip-bundle/2 (or /1) files or SAKIP workbooks and store them as events (each file all or nothing)',
    )
    .argument('<files...>', 'bundle files (JSON) or workbooks (.xlsx, see "sakip template")')
    .action(async (files: string[]) => {
      const failed = await importFiles(context, files);
      process.exitCode = failed > 0 ? 1 : 0;
    });
}

/** Imports each file atomically; returns how many were rejected. */
export async function importFiles(context: CliContext, files: readonly string[]): Promise<number> {
  const { out } = context;
  return withApplication(context, async ({ bundles }) => {
    const progress = progressFor(out, 'files');
    if (files.length > 1) progress.start(files.length, out.t({ id: 'Mengimpor', en: 'Importing' }));
    let rejected = 0;
    let events = 0;
    for (const [index, file] of files.entries()) {
      const outcome = await importFile(bundles, context, file, files.length === 1 ? phases(out) : undefined);
      if (!outcome.ok) rejected++;
      else events += outcome.summary.stored.events;
      if (files.length > 1) progress.update(index + 1, `${events} events`);
      report(out, file, outcome);
    }
    if (files.length > 1) {
      progress.stop();
      out.line(
        out.t({
          id: `${files.length - rejected} dari ${files.length} berkas diimpor, ${rejected} ditolak; ${events} event disimpan.`,
          en: `${files.length - rejected} of ${files.length} files imported, ${rejected} rejected; ${events} events stored.`,
        }),
      );
    }
    return rejected;
  });
}

async function importFile(
  bundles: BundleImports,
  context: CliContext,
  file: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  const read = await readDocumentFile(resolve(context.cwd, file));
  if (!read.ok) return read;
  return bundles.tryImport(read.input, cliCaller(context), onProgress);
}
/** Progress through one large file: the commands decided, then the events written (a few hundred: silent). */
function phases(out: Output): (progress: ImportProgress) => void {
  const LARGE = 2000;
  const bar = progressFor(out, 'items');
  let started = false;
  return ({ phase, done, total }) => {
    if (total < LARGE) return;
    if (phase === 'deciding') {
      if (!started) bar.start(total, out.t({ id: 'Memeriksa', en: 'Checking' }));
      started = true;
      bar.update(done);
      return;
    }
    if (started) bar.stop();
    started = false;
    if (phase === 'writing') out.warn({ id: `Menulis ${total} event…`, en: `Writing ${total} events…` });
  };
}

function report(out: Output, file: string, outcome: ImportOutcome): void {
  const name = basename(file);
  if (!outcome.ok) {
    out.error(
      out.t({
        id: `✗ ${name} ditolak (${outcome.problems.length} masalah); tidak ada yang disimpan:`,
        en: `✗ ${name} rejected (${outcome.problems.length} problems); nothing was stored:`,
      }),
    );
    for (const problem of outcome.problems) out.error(`  ${formatProblem(problem)}`);
    return;
  }
  printSummary(out, name, outcome.summary);
}

const WARNINGS_SHOWN = 20;

function printWarnings(out: Output, summary: ImportSummary): void {
  if (summary.warnings.length === 0) return;
  out.say({
    id: `  ${summary.warnings.length} nilai disimpan apa adanya tetapi perlu diperiksa:`,
    en: `  ${summary.warnings.length} values kept as printed but worth a look:`,
  });
  for (const warning of summary.warnings.slice(0, WARNINGS_SHOWN))
    out.line(`    ${warning.path}: ${out.t({ id: warning.id, en: warning.en })}`);
  if (summary.warnings.length > WARNINGS_SHOWN)
    out.say({
      id: `    … dan ${summary.warnings.length - WARNINGS_SHOWN} lainnya (sakip review menampilkan semuanya).`,
      en: `    … and ${summary.warnings.length - WARNINGS_SHOWN} more (sakip review shows them all).`,
    });
}

export function printSummary(out: Output, name: string, summary: ImportSummary): void {
  const { inBundle, stored } = summary;
  out.line(`✓ ${name}`);
  out.line(`  ${summary.organisationName} (${summary.organisationId})`);
  out.line(
    `  ${summary.documentTitle} — ${summary.documentKind} ${summary.period.start}–${summary.period.end}`,
  );
  out.line(`  ${out.t({ id: 'id dokumen', en: 'document id' })}: ${summary.documentId}`);
  if (summary.nothingNew) {
    out.say({
      id: '  Tidak ada yang baru: dokumen ini dengan isi yang sama sudah pernah diimpor; 0 event ditulis.',
      en: '  Nothing new: this document was already imported with the same content; 0 events written.',
    });
    return;
  }
  const table = new Table({
    head: [
      out.t({ id: 'jenis', en: 'kind' }),
      out.t({ id: 'di berkas', en: 'in file' }),
      out.t({ id: 'disimpan', en: 'stored' }),
    ],
    style: { head: [], border: [], compact: true },
  });
  for (const level of NODE_LEVELS)
    table.push([`nodes: ${level}`, inBundle.nodes[level], stored.nodes[level]]);
  table.push(
    ['indicators', inBundle.indicators, stored.indicators],
    ['baselines', inBundle.baselines, stored.baselines],
    ['targets', inBundle.targets, stored.targets],
    ['budgets', inBundle.budgets, stored.budgets],
    ['agreements (PK)', inBundle.agreements, stored.agreements],
    ['realisations', inBundle.realisations, stored.realisations],
    ['submissions', inBundle.submissions, stored.submissions],
    ['further statements', inBundle.statements, stored.statements],
    ['  budget totals', inBundle.budgetTotals, stored.budgetTotals],
    ['  budget realisations', inBundle.budgetRealisations, stored.budgetRealisations],
    ['history items', inBundle.historyItems, '-'],
    ['reference items', inBundle.referenceItems, '-'],
  );
  out.line(table.toString().replace(/^/gm, '  '));
  printWarnings(out, summary);
  if (stored.targetRevisions > 0) {
    out.say({
      id: `  ${stored.targetRevisions} target berubah dibanding dokumen sebelumnya: dicatat sebagai revisi.`,
      en: `  ${stored.targetRevisions} targets differ from earlier documents: recorded as revisions.`,
    });
  }
  out.say({
    id: `  ${stored.events} event disimpan (posisi ${summary.position ?? '-'}).`,
    en: `  ${stored.events} events stored (position ${summary.position ?? '-'}).`,
  });
}
