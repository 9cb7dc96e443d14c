import type { Command } from 'commander';
import type { NotComputableReason } from '@sakip/domain';
import Table from 'cli-table3';
import type { HistoryEntry, PeriodView, PresentedValue, StatementGroup, TreeNode } from '@sakip/read-models';
import type { Application, AsOf } from '@sakip/application';
import { withApplication, type CliContext } from '../context';
import type { Output } from '../output';
import { catchUpWithProgress } from './project.command';

/** Opens the application, brings the read models up to date, then answers. */
export function withReadModels<T>(context: CliContext, work: (app: Application) => Promise<T>): Promise<T> {
  return withApplication(context, async (app) => {
    await catchUpWithProgress(context, app.infrastructure);
    return work(app);
  });
}

const show = (value: PresentedValue | null | undefined): string =>
  value === null || value === undefined
    ? '–'
    : value.raw === null || value.raw === ''
      ? '(kosong)'
      : String(value.raw);

const json = (out: Output, value: unknown) => out.line(JSON.stringify(value, null, 2));

interface AsOfOptions {
  asOf?: string;
  basis?: string;
  json?: boolean;
}

function asOfOf(options: AsOfOptions): AsOf | undefined {
  if (!options.asOf) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
    throw new Error(`--as-of must be a date YYYY-MM-DD, not "${options.asOf}"`);
  if (options.basis && options.basis !== 'recorded' && options.basis !== 'effective')
    throw new Error(`--basis must be "recorded" or "effective", not "${options.basis}"`);
  return { date: options.asOf, basis: options.basis === 'effective' ? 'effective' : 'recorded' };
}

export function registerReadCommands(program: Command, context: CliContext): void {
  const { out } = context;
  program
    .command('tree')
    .description('the performance tree of a document: tujuan → sasaran → program → kegiatan → sub-kegiatan')
    .argument('<organisation>', 'organisation id, e.g. dinsos-karanganyar')
    .argument('[document]', 'document id (may be left out when the organisation has one document)')
    .option('--json', 'print JSON')
    .action((organisationId: string, documentId: string | undefined, options: { json?: boolean }) =>
      withReadModels(context, async ({ organisations }) => {
        const documents = documentId ? [] : (await organisations.get(organisationId)).documents;
        const chosen = documentId ?? (documents.length === 1 ? documents[0]?.documentId : undefined);
        if (!chosen) {
          throw new Error(
            documents.length === 0
              ? out.t({
                  id: `Tidak ada dokumen untuk "${organisationId}".`,
                  en: `No documents for "${organisationId}".`,
                })
              : out.t({
                  id: `Sebutkan dokumen: ${documents.map((d) => d.documentId).join(', ')}`,
                  en: `Name a document: ${documents.map((d) => d.documentId).join(', ')}`,
                }),
          );
        }
        const { document, tree } = await organisations.tree(organisationId, chosen);
        if (options.json) return json(out, { document, tree });
        out.line(`${document.title} (${document.documentId})`);
        const walk = (nodes: readonly TreeNode[], depth: number) => {
          for (const node of nodes) {
            const pad = '  '.repeat(depth + 1);
            out.line(`${pad}${node.level} ${node.code ?? ''} ${node.name}`.replace(/\s+$/, ''));
            for (const indicator of node.indicators)
              out.line(`${pad}  • ${indicator.name} [${indicator.organisationId}:${indicator.indicatorId}]`);
            const budget = node.budgets.map((b) => `${b.year}: ${show(b.amount)}`).join(', ');
            if (budget) out.line(`${pad}  Rp ${budget}`);
            walk(node.children, depth + 1);
          }
        };
        walk(tree, 0);
      }),
    );

  program
    .command('indicator')
    .description(
      'an indicator with every period: target, PK target, realisation, achievement (reported and computed)',
    )
    .argument('<indicator>', '"<organisation>:<indicator>", e.g. dinsos-karanganyar:S1-I1')
    .option('--as-of <date>', 'the values on record at the end of this date (YYYY-MM-DD)')
    .option('--basis <basis>', 'as-of by "recorded" (default) or "effective" date')
    .option('--json', 'print JSON')
    .action((ref: string, options: AsOfOptions) =>
      withReadModels(context, async ({ indicators }) => {
        const detail = await indicators.detail(ref, asOfOf(options));
        if (options.json) return json(out, detail);
        const { indicator } = detail;
        out.line(
          `${indicator.name} [${indicator.organisationId}:${indicator.indicatorId}] — ${indicator.unit ?? ''}`,
        );
        out.line(
          `  ${out.t({ id: 'polaritas', en: 'polarity' })}: ${indicator.polarity}; ${out.t({ id: 'versi', en: 'version' })}: ${indicator.version}` +
            (detail.asOf
              ? `; ${out.t({ id: 'per', en: 'as of' })} ${detail.asOf.date} (${detail.asOf.basis})`
              : ''),
        );
        out.line(periodTable(out, detail.periods));
        printStatements(out, detail.statements);
      }),
    );

  program
    .command('history')
    .description(
      'why did this target change: every value with who, when, why, on what basis, from which document',
    )
    .argument('<indicator>', '"<organisation>:<indicator>", e.g. dinsos-karanganyar:S1-I1')
    .option('--as-of <date>', 'only what was on record at the end of this date (YYYY-MM-DD)')
    .option('--basis <basis>', 'as-of by "recorded" (default) or "effective" date')
    .option('--json', 'print JSON')
    .action((ref: string, options: AsOfOptions) =>
      withReadModels(context, async ({ indicators }) => {
        const history = await indicators.history(ref, asOfOf(options));
        if (options.json) return json(out, history);
        out.line(
          `${history.indicator.name} [${history.indicator.organisationId}:${history.indicator.indicatorId}]`,
        );
        for (const chain of history.chains) {
          const values = chain.entries.map((e) => show(e.to));
          out.line('');
          out.line(`${KIND_LABEL[chain.kind][out.language]} ${chain.period}: ${values.join(' → ')}`);
          for (const entry of chain.entries) out.line(describeEntry(out, entry));
        }
        printStatements(out, history.statements);
      }),
    );
}

const KIND_LABEL = {
  baseline: { id: 'Baseline', en: 'Baseline' },
  target: { id: 'Target', en: 'Target' },
  'pk-target': { id: 'Target PK', en: 'PK target' },
  realisation: { id: 'Realisasi', en: 'Realisation' },
} as const;

function describeEntry(out: Output, e: HistoryEntry): string {
  const lines = [
    `  • ${e.recordedAt.slice(0, 10)} ${e.from ? `${show(e.from)} → ` : ''}${show(e.to)}` +
      ` (${e.eventType}) ${out.t({ id: 'oleh', en: 'by' })} ${e.actor.name ?? e.actor.id ?? '?'}${e.actor.role ? ` [${e.actor.role}]` : ''}`,
  ];
  if (e.reason) lines.push(`      ${out.t({ id: 'alasan', en: 'reason' })}: ${e.reason}`);
  if (e.legalBasis) lines.push(`      ${out.t({ id: 'dasar hukum', en: 'legal basis' })}: ${e.legalBasis}`);
  if (e.documentReference)
    lines.push(`      ${out.t({ id: 'rujukan dokumen', en: 'document reference' })}: ${e.documentReference}`);
  if (e.document)
    lines.push(
      `      ${out.t({ id: 'dokumen', en: 'document' })}: ${e.document.title ?? e.document.id}` +
        (e.source.table
          ? ` — ${e.source.table}${e.source.row ? `, ${out.t({ id: 'baris', en: 'row' })} ${e.source.row}` : ''}`
          : ''),
    );
  if (e.effectiveOn) lines.push(`      ${out.t({ id: 'berlaku', en: 'effective' })}: ${e.effectiveOn}`);
  if (e.reportedAchievement)
    lines.push(
      `      ${out.t({ id: 'capaian dilaporkan', en: 'reported achievement' })}: ${show(e.reportedAchievement)}`,
    );
  return lines.join('\n');
}

const FIELD_LABEL: Record<StatementGroup['field'], { id: string; en: string }> = {
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Satuan', en: 'Unit' },
  formula: { id: 'Formula', en: 'Formula' },
  finalTarget: { id: 'Target akhir', en: 'Final target' },
  baseline: { id: 'Kondisi awal', en: 'Baseline' },
  target: { id: 'Target', en: 'Target' },
  agreement: { id: 'Target PK', en: 'PK target' },
  realisation: { id: 'Realisasi', en: 'Realisation' },
  budget: { id: 'Pagu', en: 'Budget' },
  'budget-realisation': { id: 'Realisasi anggaran', en: 'Budget spent' },
};

/** Every statement per field and period: only facts a document states more than once, or in conflict. */
function printStatements(out: Output, groups: readonly StatementGroup[]): void {
  const repeated = groups.filter((g) => g.statements.length > 1);
  if (repeated.length === 0) return;
  out.line('');
  out.say({
    id: 'Pernyataan dokumen (nilai yang dinyatakan lebih dari sekali; ≠ menandai yang berbeda):',
    en: 'Statements of the documents (values stated more than once; ≠ marks those that differ):',
  });
  for (const group of repeated) {
    out.line(
      `  ${group.conflict ? '≠' : '='} ${out.t(FIELD_LABEL[group.field])}${group.period ? ` ${group.period}` : ''}`,
    );
    for (const st of group.statements) {
      const where = [
        st.source.table,
        st.source.page ? `${out.t({ id: 'hal.', en: 'p.' })} ${st.source.page}` : null,
        st.source.row ? `${out.t({ id: 'baris', en: 'row' })} ${st.source.row}` : null,
      ]
        .filter(Boolean)
        .join(', ');
      out.line(
        `      ${show(st.value)}  — ${st.document.title ?? st.document.id}${where ? ` (${where})` : ''}${st.primary ? '' : ` [${out.t({ id: 'pernyataan lain', en: 'further statement' })}]`}`,
      );
    }
  }
}

/** Why no achievement could be computed, in words. */
const NOT_COMPUTABLE: Record<NotComputableReason, { id: string; en: string }> = {
  'target-missing': { id: 'tanpa target', en: 'no target' },
  'realisation-missing': { id: 'tanpa realisasi', en: 'no realisation' },
  'target-unparseable': { id: 'target tak terbaca', en: 'target unreadable' },
  'realisation-unparseable': { id: 'realisasi tak terbaca', en: 'realisation unreadable' },
  'target-zero': { id: 'target nol', en: 'target is 0' },
  'realisation-zero': { id: 'realisasi nol', en: 'realisation is 0' },
  'negative-value': { id: 'nilai negatif', en: 'negative value' },
  'grade-and-number': { id: 'predikat vs angka', en: 'grade vs number' },
};

function periodTable(out: Output, periods: readonly PeriodView[]): string {
  const table = new Table({
    head: [
      out.t({ id: 'periode', en: 'period' }),
      'target',
      out.t({ id: 'target PK', en: 'PK target' }),
      out.t({ id: 'realisasi', en: 'realisation' }),
      out.t({ id: 'capaian dilaporkan', en: 'reported' }),
      out.t({ id: 'capaian dihitung', en: 'computed' }),
      out.t({ id: 'kategori', en: 'category' }),
    ],
    style: { head: [], border: [], compact: true },
  });
  for (const p of periods) {
    const computed = p.computedAchievement;
    table.push([
      p.period,
      `${show(p.target)}${p.targetRevised ? ' *' : ''}`,
      show(p.agreementTarget),
      `${show(p.realisation)}${p.realisationCorrected ? ' *' : ''}`,
      show(p.reportedAchievement),
      computed === null
        ? '–'
        : 'percent' in computed
          ? `${out.number(computed.percent)} %`
          : out.t(NOT_COMPUTABLE[computed.notComputable]),
      computed && 'category' in computed ? computed.category[out.language] : '',
    ]);
  }
  return `${table.toString()}\n  * ${out.t({ id: 'direvisi/dikoreksi (lihat "sakip history")', en: 'revised/corrected (see "sakip history")' })}`;
}
