import ExcelJS from 'exceljs';
import type { Finding } from '@sakip/rules';
import type { BatchRecord, OrganisationSummary } from './evaluator';
import { findingsCsv, findingsWorkbook, safeCell } from './export';

const HOSTILE = ['=HYPERLINK("http://x.example","klik")', '+1+cmd|calc', '-2+3', '@SUM(A1:A9)'];

const finding = (text: string): Finding => ({
  ruleId: 'smart/indicator-without-formula',
  category: 'SMART',
  class: 'indicator-undefined',
  severity: 'high',
  scope: 'indicator',
  subject: {
    organisationId: 'dinsos-x',
    organisationName: text,
    documentId: 'renstra-1',
    documentTitle: text,
    nodeId: 'S1',
    nodeCode: text,
    nodeName: text,
    indicatorId: 'S1-I1',
    indicatorName: text,
    period: null,
  },
  subjects: [{ node: 'S1', indicator: 'S1-I1' }],
  message: { id: text, en: text },
  evidence: { facts: { name: text }, eventIds: [] },
});

const batch = {
  batchId: 'b-1',
  year: 2025,
  now: '2026-11-24',
  asOf: '1:1',
  ruleSet: { version: 1, hash: 'abcdef0123456789' },
} as unknown as BatchRecord;

const summary = {
  organisationId: 'dinsos-x',
  organisationName: '=cmd',
  findings: 1,
  byCategory: {},
  bySeverity: { high: 1 },
  byClass: {},
  lke: { total: 92.62, grade: 'AA', method: { id: 'Draf', en: 'Draft' } },
} as unknown as OrganisationSummary;

const csvCells = (csv: string) => csv.split(/,|\n/).map((cell) => cell.replace(/^"|"$/g, ''));

async function workbookCells(buffer: Buffer): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const values: unknown[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value))));
  return values;
}

const startsFormula = (value: unknown) => typeof value === 'string' && /^[=+\-@]/.test(value);

describe('exports never write a cell a spreadsheet reads as a formula (OWASP CSV injection)', () => {
  it('escapes formula starts and keeps numbers and dashes as printed', () => {
    expect(HOSTILE.map(safeCell)).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(['-', '-1,5', '+2', '85,5', 12].map(safeCell)).toEqual(['-', '-1,5', '+2', '85,5', 12]);
  });

  it.each(HOSTILE)('escapes %s in every CSV', (text) => {
    const findings = [finding(text)];
    for (const csv of [findingsCsv(findings)]) {
      expect(csv).toContain(`'${text.replace(/"/g, '""')}`);
      expect(csvCells(csv).filter(startsFormula)).toEqual([]);
    }
  });

  it('escapes them in every workbook, and writes the date as a date', async () => {
    const findings = HOSTILE.map(finding);
    const batchBook = await workbookCells(
      await findingsWorkbook(findings, new Map(), { batch, summaries: [summary] }),
    );
    const reviewBook = await workbookCells(await findingsWorkbook(findings, new Map()));
    for (const cells of [batchBook, reviewBook]) {
      expect(cells.filter(startsFormula)).toEqual([]);
      expect(cells).toContain(`'${HOSTILE[0]}`);
    }
    expect(batchBook.find((v) => v instanceof Date)).toEqual(new Date('2026-11-24T00:00:00Z'));
  });
});
