import { displayNumber, isBinaryNoise, rawCell, readCell } from './cell-values';
import { BUDGETS_SHEET, INDICATORS_SHEET, NODES_SHEET, REALISATIONS_SHEET, type ColumnSpec } from './layout';

const column = (sheet: { columns: readonly ColumnSpec[] }, key: string) =>
  sheet.columns.find((c) => c.key === key)!;
const value = column(INDICATORS_SHEET, 'finalTarget');
const id = column(NODES_SHEET, 'code');
const year = column(INDICATORS_SHEET, 'baselineYear');
const level = column(NODES_SHEET, 'level');
const iku = column(INDICATORS_SHEET, 'iku');
const period = column(REALISATIONS_SHEET, 'period');
const reportedOn = column(REALISATIONS_SHEET, 'reportedOn');
const budgetYear = column(BUDGETS_SHEET, 'year');
const page = column(NODES_SHEET, 'sourcePage');

describe('the text a numeric cell shows (Indonesian desktop)', () => {
  it.each([
    [82.5, undefined, '82,5'],
    [4550000000, 'General', '4550000000'],
    [1234.5, '#,##0.00', '1.234,50'],
    [4550000000, '#,##0', '4.550.000.000'],
    [0.46, '0%', '46%'],
    [0.4567, '0.0%', '45,7%'],
    [262, '0 "orang"', '262 orang'],
    [1.005, '0.00', '1,01'],
    [-2.5, '0.0', '-2,5'],
    [-2.5, '0.0;(0.0)', '(2,5)'],
    [0, '0.00;-0.00;"-"', '-'],
    [12, '00', '12'],
    [3, '000', '003'],
    [0.5, '#.##', ',5'],
    [81, '0.##', '81'],
    [1234567, '#,##0,', '1.235'],
    [45000, 'mm-dd-yy', '45000'],
  ])('%p with %p shows "%s"', (n, format, text) => expect(displayNumber(n, format)).toBe(text));
});

describe('reading a cell as its column means it', () => {
  it('keeps text as typed: "1.234,56", "BB", "-", "" and "46% (262 orang)"', () => {
    for (const text of ['1.234,56', 'BB', '-', '', '46% (262 orang)', ' 80 '])
      expect(readCell(value, rawCell(text))).toEqual({ value: text });
  });

  it('reads a number as its displayed text, an empty cell as missing, #N/A as null', () => {
    expect(readCell(value, rawCell(1234.5, '#,##0.00'))).toEqual({ value: '1.234,50' });
    expect(readCell(value, rawCell(82.5))).toEqual({ value: '82,5' });
    expect(readCell(value, rawCell(null))).toEqual({});
    expect(readCell(value, rawCell({ error: '#N/A' }))).toEqual({ value: null });
  });

  it('refuses a float only a computation stores, unless a format says what is shown', () => {
    const noise = 0.1 + 0.2;
    expect(isBinaryNoise(noise)).toBe(true);
    expect(isBinaryNoise(0.3)).toBe(false);
    const read = readCell(value, rawCell(noise));
    expect(read.problem?.id).toContain('pecahan biner');
    expect(read.problem?.id).toContain('"0,3"');
    expect(read.problem?.en).toContain('binary fraction');
    expect(readCell(value, rawCell({ formula: '0.1+0.2', result: noise }, '0.00'))).toEqual({
      value: '0,30',
    });
    expect(readCell(value, rawCell({ formula: 'A1*2' })).problem?.en).toContain('no stored result');
  });

  it('uses the text of rich text and hyperlinks, and the result of a formula', () => {
    expect(readCell(value, rawCell({ richText: [{ text: '82,' }, { text: '5' }] }))).toEqual({
      value: '82,5',
    });
    expect(readCell(value, rawCell({ text: 'Tabel 3', hyperlink: 'http://x' }))).toEqual({
      value: 'Tabel 3',
    });
    expect(readCell(value, rawCell({ formula: '"B"&"B"', result: 'BB' }))).toEqual({ value: 'BB' });
  });

  it('says what Excel did to an entry: a date, a logical value, an error', () => {
    const date = new Date(Date.UTC(2024, 0, 2));
    expect(readCell(value, rawCell(date)).problem?.id).toContain('menjadi tanggal (2024-01-02)');
    expect(readCell(period, rawCell(date)).problem).toBeDefined();
    expect(readCell(value, rawCell(true)).problem).toBeDefined();
    expect(readCell(value, rawCell({ error: '#DIV/0!' })).problem?.id).toContain('#DIV/0!');
    expect(readCell(level, rawCell({ error: '#N/A' })).problem).toBeDefined();
  });

  it('reads codes as text; a whole number is its digits, a fraction a problem', () => {
    expect(readCell(id, rawCell(' 1.06.04 '))).toEqual({ value: '1.06.04' });
    expect(readCell(id, rawCell(106))).toEqual({ value: '106' });
    expect(readCell(id, rawCell(1.06)).problem?.id).toContain('format sel sebagai Teks');
    expect(readCell(id, rawCell('  '))).toEqual({});
  });

  it('reads years and checks them: four digits between 1900 and 2200', () => {
    expect(readCell(year, rawCell(2024))).toEqual({ value: 2024 });
    expect(readCell(year, rawCell(' 2024 '))).toEqual({ value: 2024 });
    expect(readCell(year, rawCell('dua ribu')).problem?.en).toContain('is not a year');
    expect(readCell(year, rawCell(3024)).problem?.id).toContain('di luar rentang 1900–2200');
    expect(readCell(year, rawCell(2024.5)).problem).toBeDefined();
    expect(readCell(budgetYear, rawCell('akhir periode'))).toEqual({ value: 'total' });
    expect(readCell(budgetYear, rawCell('Total'))).toEqual({ value: 'total' });
  });

  it('reads lists by their Indonesian label or English id, and names the choices when unknown', () => {
    expect(readCell(level, rawCell('Sub Kegiatan'))).toEqual({ value: 'subkegiatan' });
    expect(readCell(column(NODES_SHEET, 'role'), rawCell('riwayat'))).toEqual({ value: 'history' });
    expect(readCell(column(NODES_SHEET, 'role'), rawCell('history'))).toEqual({ value: 'history' });
    expect(readCell(level, rawCell('bidang')).problem).toEqual({
      id: 'level "bidang" tidak dikenal; pilih salah satu: tujuan, sasaran, program, kegiatan, subkegiatan',
      en: 'level "bidang" is not known; choose one of: tujuan, sasaran, program, kegiatan, subkegiatan',
    });
    expect(readCell(iku, rawCell('Ya'))).toEqual({ value: true });
    expect(readCell(iku, rawCell(false))).toEqual({ value: false });
    expect(readCell(iku, rawCell('mungkin')).problem?.id).toContain('pilih salah satu: ya, tidak');
  });

  it('reads dates from date cells or yyyy-mm-dd text, periods and source locators', () => {
    expect(readCell(reportedOn, rawCell(new Date(Date.UTC(2025, 1, 20))))).toEqual({ value: '2025-02-20' });
    expect(readCell(reportedOn, rawCell('2025-02-20'))).toEqual({ value: '2025-02-20' });
    expect(readCell(reportedOn, rawCell(45678))).toEqual({ value: '2025-01-21' });
    expect(readCell(reportedOn, rawCell(2025)).problem?.id).toContain('bukan tanggal');
    expect(readCell(period, rawCell(2024))).toEqual({ value: '2024' });
    expect(readCell(period, rawCell('2024-Q1'))).toEqual({ value: '2024-Q1' });
    expect(readCell(page, rawCell(12))).toEqual({ value: 12 });
    expect(readCell(page, rawCell('12a'))).toEqual({ value: '12a' });
  });
});
