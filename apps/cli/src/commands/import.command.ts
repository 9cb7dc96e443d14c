import { basename, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import Table from 'cli-table3';
import { NODE_LEVELS } from '@sakip/domain';
import { formatProblem, organisationIdOf, readDocumentFile } from '@sakip/application/lean';
import type { ImportOutcome, ImportProgress, ImportSummary } from '@sakip/application';
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
    .option(
      '--concurrency <n>',
      'files of different organisations imported at once (default 4 on PostgreSQL, 1 on the embedded store; files of one organisation keep their order)',
      positiveInteger,
    )
    .action(async (files: string[], options: { concurrency?: number }) => {
      const failed = await importFiles(context, files, options.concurrency);
      process.exitCode = failed > 0 ? 1 : 0;
    });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('harus bilangan bulat ≥ 1 / must be a whole number ≥ 1');
  return n;
}

/** Files of different organisations at once on PostgreSQL; the embedded store runs in this process anyway. */
const DEFAULT_CONCURRENCY = { postgres: 4, embedded: 1 };

/**
 * Imports each file atomically; returns how many were rejected. Up to `concurrency` files are read and
 * imported at once, but a file waits for every earlier file of the same organisation (in the order given),
 * so an organisation's documents are stored in that order.
 */
export async function importFiles(
  context: CliContext,
  files: readonly string[],
  concurrency = context.settings.databaseUrl ? DEFAULT_CONCURRENCY.postgres : DEFAULT_CONCURRENCY.embedded,
): Promise<number> {
  const { out } = context;
  return withApplication(context, async ({ bundles }) => {
    const progress = progressFor(out, 'files');
    if (files.length > 1) progress.start(files.length, out.t({ id: 'Mengimpor', en: 'Importing' }));
    let rejected = 0;
    let events = 0;
    let finished = 0;
    // Per file: its organisation once read (undefined when it cannot be read), and the end of its import.
    const organisations: Promise<string | undefined>[] = [];
    const done: Promise<void>[] = [];
    const importAt = async (index: number, file: string, reading: ReturnType<typeof readDocumentFile>) => {
      const read = await reading;
      if (read.ok) {
        const own = organisationIdOf(read.input);
        for (let j = 0; j < index; j++) if ((await organisations[j]) === own) await done[j];
      }
      const outcome = read.ok
        ? await bundles.tryImport(
            read.input,
            cliCaller(context),
            files.length === 1 ? phases(out) : undefined,
          )
        : read;
      if (!outcome.ok) rejected++;
      else events += outcome.summary.stored.events;
      if (files.length > 1) progress.update(++finished, `${events} events`);
      report(out, file, outcome);
    };
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const index = next++;
        const file = files[index]!;
        const reading = readDocumentFile(resolve(context.cwd, file));
        organisations[index] = reading.then((r) => (r.ok ? organisationIdOf(r.input) : undefined));
        done[index] = importAt(index, file, reading);
        await done[index];
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
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
