import type ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { DEFECT_CLASSES, formatFact, type Finding, type RuleFile } from '@sakip/rules';
import { groupFindings, type FindingGroup } from '../review/findings';
import type { BatchRecord, OrganisationSummary } from './evaluator';

const SEVERITY_ID = { high: 'tinggi', medium: 'sedang', low: 'rendah' } as const;

/**
 * Escapes a cell that a spreadsheet would read as a formula (=, +, -, @, tab or carriage return first) with a
 * leading apostrophe: OWASP CSV injection. A plain number ("-1,5", "+2") or a dash standing for an empty
 * cell stays as printed.
 */
export function safeCell<T extends string | number | Date>(value: T): T | string {
  if (typeof value !== 'string' || !/^[=+\-@\t\r]/.test(value)) return value;
  if (/^[-+]?\d[\d.,]*%?$/.test(value) || /^-+$/.test(value)) return value;
  return `'${value}`;
}

const subjectIds = (f: Finding) =>
  f.subjects.map((s) => s.indicator ?? s.node ?? '').filter((id) => id !== '');

/** Findings for people: one row per rule within a document, with the count and every subject. */
const GROUP_COLUMNS: readonly {
  header: string;
  width: number;
  value: (g: FindingGroup, rule: RuleFile | undefined, i: number) => string | number;
}[] = [
  { header: 'No', width: 6, value: (_g, _r, i) => i + 1 },
  { header: 'Perangkat Daerah', width: 30, value: (g) => g.organisationName ?? g.organisationId },
  { header: 'ID PD', width: 20, value: (g) => g.organisationId },
  { header: 'Dokumen', width: 36, value: (g) => g.documentTitle ?? '' },
  { header: 'ID dokumen', width: 26, value: (g) => g.documentId ?? '' },
  { header: 'Tingkat', width: 9, value: (g) => SEVERITY_ID[g.severity] },
  { header: 'Kelas cacat', width: 26, value: (g) => g.class },
  { header: 'Aturan', width: 34, value: (g) => g.rule },
  { header: 'Temuan', width: 44, value: (g, r) => r?.title.id ?? g.rule },
  { header: 'Jumlah', width: 8, value: (g) => g.findings.length },
  {
    header: 'Subjek (ID node/indikator)',
    width: 50,
    value: (g) => [...new Set(g.findings.flatMap(subjectIds))].join(', '),
  },
  {
    header: 'Rincian',
    width: 90,
    value: (g) => g.findings.map((f) => `• ${f.message.id}`).join('\n'),
  },
  {
    header: 'Details (EN)',
    width: 90,
    value: (g) => g.findings.map((f) => `• ${f.message.en}`).join('\n'),
  },
];

/** One row per finding, naming every id (organisation, document, node and code, indicator). */
const RECORD_COLUMNS: readonly { header: string; width: number; value: (f: Finding) => string | number }[] = [
  { header: 'ID PD', width: 20, value: (f) => f.subject.organisationId },
  { header: 'ID dokumen', width: 26, value: (f) => f.subject.documentId ?? '' },
  { header: 'ID node', width: 20, value: (f) => f.subject.nodeId ?? '' },
  { header: 'Kode', width: 18, value: (f) => f.subject.nodeCode ?? '' },
  { header: 'Node', width: 36, value: (f) => f.subject.nodeName ?? '' },
  { header: 'ID indikator', width: 22, value: (f) => f.subject.indicatorId ?? '' },
  { header: 'Indikator', width: 40, value: (f) => f.subject.indicatorName ?? '' },
  { header: 'Subjek lain', width: 30, value: (f) => subjectIds(f).slice(1).join(', ') },
  { header: 'Periode', width: 9, value: (f) => f.subject.period ?? '' },
  { header: 'Aturan', width: 34, value: (f) => f.ruleId },
  { header: 'Kelas cacat', width: 26, value: (f) => f.class },
  { header: 'Tingkat', width: 9, value: (f) => SEVERITY_ID[f.severity] },
  { header: 'Temuan', width: 80, value: (f) => f.message.id },
  { header: 'Finding (EN)', width: 80, value: (f) => f.message.en },
  {
    header: 'Bukti',
    width: 60,
    value: (f) =>
      Object.entries(f.evidence.facts)
        .map(([k, v]) => `${k}: ${formatFact(v, 'id')}`)
        .join('; '),
  },
];

/**
 * CSV: one row per finding (machine output keeps one record per subject), naming every id; cells never
 * start a spreadsheet formula.
 */
export function findingsCsv(findings: readonly Finding[]): string {
  return stringify(
    [
      RECORD_COLUMNS.map((c) => c.header),
      ...findings.map((f) => RECORD_COLUMNS.map((c) => safeCell(c.value(f)))),
    ],
    { bom: true },
  );
}

/** What a stored batch adds to its workbook: when, as of what, by which rules, and per organisation. */
export interface BatchSheet {
  readonly batch: BatchRecord;
  readonly summaries: readonly OrganisationSummary[];
}

/**
 * The workbook an inspector opens: "Temuan" groups a rule's findings in one document into one row (count,
 * subjects, every message), "Rincian" lists every finding with every id, "Ringkasan" counts by defect
 * class and, for a stored batch, gives the batch and the draft LKE per organisation with its method.
 */
export async function findingsWorkbook(
  findings: readonly Finding[],
  rules: ReadonlyMap<string, RuleFile>,
  stored?: BatchSheet,
): Promise<Buffer> {
  // exceljs takes a large part of a second to load: only the commands that write a workbook load it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'sakip';
  const groups = groupFindings(findings);
  const grouped = workbook.addWorksheet('Temuan', { views: [{ state: 'frozen', ySplit: 1 }] });
  grouped.columns = GROUP_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  groups.forEach((g, i) =>
    grouped.addRow(GROUP_COLUMNS.map((c) => safeCell(c.value(g, rules.get(g.rule), i)))),
  );
  styleSheet(grouped, groups.length, GROUP_COLUMNS.length);

  const detail = workbook.addWorksheet('Rincian', { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = RECORD_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  findings.forEach((f) => detail.addRow(RECORD_COLUMNS.map((c) => safeCell(c.value(f)))));
  styleSheet(detail, findings.length, RECORD_COLUMNS.length);

  const summary = workbook.addWorksheet('Ringkasan');
  summary.getColumn(1).width = 40;
  summary.getColumn(2).width = 16;
  for (let column = 3; column <= 9; column++) summary.getColumn(column).width = 12;
  summary.getColumn(9).width = 90;
  if (stored) {
    const { batch } = stored;
    summary.addRow(['Evaluasi', batch.batchId]);
    summary.addRow(['Tahun', batch.year]);
    summary.addRow(['Per tanggal', new Date(`${batch.now}T00:00:00Z`)]).getCell(2).numFmt = 'dd/mm/yyyy';
    summary.addRow(['Posisi event', batch.asOf]);
    summary.addRow(['Versi set aturan', `${batch.ruleSet.version} (${batch.ruleSet.hash.slice(0, 12)})`]);
    summary.addRow([]);
    const header = summary.addRow([
      'Perangkat Daerah',
      'ID PD',
      'Temuan',
      'Tinggi',
      'Sedang',
      'Rendah',
      'Nilai LKE (draf)',
      'Predikat',
      'Cara hitung',
    ]);
    header.font = { bold: true };
    for (const s of stored.summaries)
      summary.addRow([
        safeCell(s.organisationName ?? s.organisationId),
        safeCell(s.organisationId),
        s.findings,
        s.bySeverity.high ?? 0,
        s.bySeverity.medium ?? 0,
        s.bySeverity.low ?? 0,
        s.lke.total,
        s.lke.grade,
        s.lke.method.id,
      ]).alignment = { vertical: 'top', wrapText: true };
    summary.addRow([]);
  }
  summary.addRow(['Kelas cacat', 'Kelompok', 'Temuan']).font = { bold: true };
  const byClass = new Map<string, number>();
  for (const f of findings) byClass.set(f.class, (byClass.get(f.class) ?? 0) + 1);
  for (const [name, count] of [...byClass].sort((a, b) => b[1] - a[1]))
    summary.addRow([name, DEFECT_CLASSES[name as keyof typeof DEFECT_CLASSES], count]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function styleSheet(sheet: ExcelJS.Worksheet, rows: number, columns: number): void {
  sheet.getRow(1).font = { bold: true };
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows + 1), column: columns } };
}
