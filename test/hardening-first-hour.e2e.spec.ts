import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FIXTURE, sakip, tempDataDir } from './support/cli';

/**
 * The first hour of a new user (issue 11), where no other test looks: the first read after an import
 * says what it is doing, the findings workbook is readable as opened (wide, wrapped columns, a real
 * date) and a draft LKE score is never shown without its method, in the reader's number format.
 */
describe('the first hour with sakip (CLI, embedded store)', () => {
  const { dir, cleanup } = tempDataDir();
  const env = { SAKIP_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  afterAll(cleanup);
  beforeAll(async () => {
    const imported = await sakip(['import', FIXTURE], env);
    expect(imported.code).toBe(0);
  }, 120_000);

  it('says, on the first read after an import, that it brings the read models up to date', async () => {
    // When the planner reads an indicator right after importing
    const read = await sakip(['indicator', 'dinsos-karanganyar:S1-I1'], env);
    // Then the wait is explained (how many events, how long) before the table comes
    expect(read.code).toBe(0);
    expect(read.stderr).toMatch(/Read models up to date: \d+ events in [\d.,]+ s\./);
    expect(read.stdout).toContain('Nilai SAKIP [dinsos-karanganyar:S1-I1]');
  }, 60_000);

  it('writes a findings workbook with wide, wrapped columns, a real date, and the LKE method beside the score', async () => {
    // When an inspector writes the batch as a workbook
    const out = join(dir, 'temuan.xlsx');
    const run = await sakip(
      ['evaluate', '--year', '2025', '--now', '2026-11-24', '--format', 'xlsx', '--out', out],
      env,
    );
    expect(run.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);

    // Then every column of the finding sheets is at least as wide as its header, and every row wraps
    for (const name of ['Temuan', 'Rincian']) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.rowCount).toBeGreaterThan(1);
      sheet.getRow(1).eachCell((cell, column) => {
        // A width equal to ExcelJS's default (9) is not written to the file: the column opens at the
        // spreadsheet's standard width, 8.43 characters.
        const width = sheet.getColumn(column).width ?? sheet.properties.defaultColWidth ?? 8.43;
        expect({ sheet: name, header: cell.text, wide: width >= Math.max(6, cell.text.length) }).toEqual({
          sheet: name,
          header: cell.text,
          wide: true,
        });
      });
      for (let row = 2; row <= sheet.rowCount; row++)
        expect(sheet.getRow(row).alignment?.wrapText).toBe(true);
      // the finding text itself gets room to be read
      const headers = sheet.getRow(1).values as unknown[];
      expect(sheet.getColumn(headers.indexOf('Temuan')).width).toBeGreaterThanOrEqual(40);
    }

    // And the summary gives the date as a date, and the draft score with its grade and method beside it
    const summary = workbook.getWorksheet('Ringkasan')!;
    const rows: ExcelJS.Row[] = [];
    summary.eachRow((row) => rows.push(row));
    const dated = rows.find((row) => row.getCell(1).text === 'Per tanggal')!;
    expect(dated.getCell(2).value).toEqual(new Date('2026-11-24T00:00:00Z'));
    expect(dated.getCell(2).numFmt).toBe('dd/mm/yyyy');
    const header = rows.find((row) => row.getCell(7).text === 'Nilai LKE (draf)')!;
    expect([header.getCell(8).text, header.getCell(9).text]).toEqual(['Predikat', 'Cara hitung']);
    const scored = rows.find((row) => row.getCell(2).text === 'dinsos-karanganyar')!;
    expect(scored.getCell(7).value).toEqual(expect.any(Number));
    expect(scored.getCell(8).text).toMatch(/^(AA|A|BB|B|CC|C|D)$/);
    expect(scored.getCell(9).text).toMatch(/^Draf: .*PermenPANRB 88\/2021/);
  }, 120_000);

  it('shows the draft LKE score in the reader number format, marked, with its method under the table', async () => {
    // When an Indonesian reader evaluates one organisation on the terminal
    const run = await sakip(['evaluate', '--year', '2025', '--org', 'dinsos-karanganyar'], {
      ...env,
      SAKIP_LANG: 'id',
    });
    expect(run.code).toBe(0);
    // Then the score is written "97,28 AA *" (never "97.28"), and the starred note says how it was computed
    const row = run.stdout.split('\n').find((line) => line.includes('Dinas Sosial Kabupaten Karanganyar'))!;
    const score = row
      .split('│')
      .map((cell) => cell.trim())
      .filter(Boolean)
      .pop();
    expect(score).toMatch(/^\d{1,3},\d{2} (AA|A|BB|B|CC|C|D) \*$/);
    expect(run.stdout).toMatch(/\n {2}\* Draf: per komponen, .+PermenPANRB 88\/2021/);
  }, 120_000);
});
