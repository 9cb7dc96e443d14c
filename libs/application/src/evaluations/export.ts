import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { formatFact, type Finding } from '@sakip/rules';
import type { BatchRecord, OrganisationSummary } from './evaluator';

/** One row per finding, Indonesian headers, for an inspector's spreadsheet. */
const COLUMNS: readonly {
  header: string;
  width: number;
  value: (f: Finding, i: number) => string | number;
}[] = [
  { header: 'No', width: 6, value: (_f, i) => i + 1 },
  {
    header: 'Perangkat Daerah',
    width: 30,
    value: (f) => f.subject.organisationName ?? f.subject.organisationId,
  },
  { header: 'Kode PD', width: 18, value: (f) => f.subject.organisationId },
  { header: 'Dokumen', width: 30, value: (f) => f.subject.documentTitle ?? '' },
  { header: 'Kode', width: 18, value: (f) => f.subject.nodeCode ?? '' },
  {
    header: 'Tujuan/Sasaran/Program/Kegiatan/Sub-kegiatan',
    width: 40,
    value: (f) => f.subject.nodeName ?? '',
  },
  { header: 'Indikator', width: 40, value: (f) => f.subject.indicatorName ?? '' },
  { header: 'Periode', width: 9, value: (f) => f.subject.period ?? '' },
  { header: 'Aturan', width: 36, value: (f) => f.ruleId },
  { header: 'Kategori', width: 13, value: (f) => f.category },
  {
    header: 'Tingkat',
    width: 9,
    value: (f) => ({ high: 'tinggi', medium: 'sedang', low: 'rendah' })[f.severity],
  },
  { header: 'Temuan', width: 70, value: (f) => f.message.id },
  { header: 'Finding (EN)', width: 70, value: (f) => f.message.en },
  {
    header: 'Bukti',
    width: 60,
    value: (f) =>
      Object.entries(f.evidence.facts)
        .map(([k, v]) => `${k}: ${formatFact(v)}`)
        .join('; '),
  },
  { header: 'ID event', width: 40, value: (f) => f.evidence.eventIds.join(' ') },
];

export function findingsCsv(findings: readonly Finding[]): string {
  return stringify(
    [COLUMNS.map((c) => c.header), ...findings.map((f, i) => COLUMNS.map((c) => c.value(f, i)))],
    {
      bom: true,
    },
  );
}

/** A workbook: "Temuan" (one row per finding, filterable) and "Ringkasan" (per organisation, with the draft LKE). */
export async function findingsWorkbook(
  batch: BatchRecord,
  findings: readonly Finding[],
  summaries: readonly OrganisationSummary[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sakip';
  const sheet = workbook.addWorksheet('Temuan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  findings.forEach((f, i) => sheet.addRow(COLUMNS.map((c) => c.value(f, i))));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, findings.length + 1), column: COLUMNS.length },
  };

  const summary = workbook.addWorksheet('Ringkasan');
  summary.addRow(['Evaluasi', batch.batchId]);
  summary.addRow(['Tahun', batch.year]);
  summary.addRow(['Per tanggal', batch.now]);
  summary.addRow(['Posisi event', batch.asOf]);
  summary.addRow(['Versi set aturan', `${batch.ruleSet.version} (${batch.ruleSet.hash.slice(0, 12)})`]);
  summary.addRow([]);
  const header = summary.addRow([
    'Perangkat Daerah',
    'Temuan',
    'Tinggi',
    'Sedang',
    'Rendah',
    'Nilai LKE (draf)',
    'Predikat',
    'Cara hitung',
  ]);
  header.font = { bold: true };
  for (const s of summaries)
    summary.addRow([
      s.organisationName ?? s.organisationId,
      s.findings,
      s.bySeverity.high ?? 0,
      s.bySeverity.medium ?? 0,
      s.bySeverity.low ?? 0,
      s.lke.total,
      s.lke.grade,
      s.lke.method.id,
    ]);
  summary.getColumn(1).width = 40;
  summary.getColumn(8).width = 80;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
