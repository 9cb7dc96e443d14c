import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { MemoryEventStore, START } from '@sakip/event-store';
import type { Bundle } from '../bundles/bundle';
import { BundleImporter } from '../bundles/bundle-import';
import { formatProblem, validateBundleShape } from '../bundles/bundle-validation';
import {
  cellsOf,
  exampleWithTenMistakes,
  exampleWorkbookRows,
  fillWorkbook,
  importContext,
  loadFixture,
  type TypedRows,
} from '../testing';
import { importDocument, workbookDocument } from './document-files';
import { packageRoot } from '../settings/package-root';
import { HELP_SHEET, WORKBOOK_SHEETS } from './layout';
import { readWorkbook } from './workbook-reader';
import { writeWorkbook } from './workbook-writer';

type Item = Record<string, unknown>;
const json = (value: unknown) => JSON.stringify(value);

/** Rows of a list by key, in order: what decides which row of a key is the primary one. */
function byKey(list: readonly Item[] | undefined, key: (item: Item) => string): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const item of list ?? []) (groups[key(item)] ??= []).push(json(item));
  return groups;
}

/** A bundle as the events see it: every statement of an indicator, and the rows of each key in order. */
function asStored(bundle: Item) {
  const indicators = (bundle['indicators'] as Item[]).map((i) => ({
    ...i,
    statements: ((i['statements'] as Item[] | undefined) ?? []).map(json).sort(),
  }));
  return {
    ...bundle,
    indicators,
    budgets: byKey(bundle['budgets'] as Item[], (b) => String(b['node'])),
    agreements: byKey(bundle['agreements'] as Item[], (a) => String(a['indicator'])),
    realisations: byKey(bundle['realisations'] as Item[], (r) => String(r['indicator'])),
  };
}

const importer = () => new BundleImporter(new MemoryEventStore());

describe('the SAKIP workbook', () => {
  let template: Buffer;
  beforeAll(async () => {
    template = await writeWorkbook();
  });

  it('carries the fixture: bundle → workbook → bundle says the same, every statement, raw text and source', async () => {
    const fixture = loadFixture();
    const reading = await readWorkbook(await writeWorkbook(fixture));
    expect(reading.problems).toEqual([]);
    expect(validateBundleShape(reading.bundle).ok).toBe(true);
    expect(asStored(reading.bundle)).toEqual(asStored(fixture as unknown as Item));
  });

  it('reads back what it writes: workbook → bundle → workbook is unchanged', async () => {
    const first = await writeWorkbook(
      (await readWorkbook(await writeWorkbook(loadFixture()))).bundle as unknown as Bundle,
    );
    const bundle = (await readWorkbook(first)).bundle;
    const second = await writeWorkbook(bundle as unknown as Bundle);
    expect(await cellsOf(second)).toEqual(await cellsOf(first));
    expect((await readWorkbook(second)).bundle).toEqual(bundle);
  });

  it('writes a JSON number as the text Excel would show, and a null row target as #N/A', async () => {
    const bundle: Bundle = {
      ...loadFixture(),
      indicators: [{ id: 'X', node: 'T1', name: 'X', targets: { '2024': 81.5, '2025': 1234567 } }],
      realisations: [{ indicator: 'X', period: '2024', value: null, target: null }],
    };
    const read = (await readWorkbook(await writeWorkbook(bundle))).bundle as unknown as Bundle;
    expect(read.indicators?.[0]?.targets).toEqual({ '2024': '81,5', '2025': '1234567' });
    expect(read.realisations).toEqual([{ indicator: 'X', period: '2024', value: null, target: null }]);
  });

  it('template: one sheet per table with Indonesian headers, English notes, frozen headers, lists, checks and help', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      HELP_SHEET,
      ...WORKBOOK_SHEETS.map((s) => s.name),
    ]);
    expect(WORKBOOK_SHEETS.map((s) => s.name)).toEqual([
      'Dokumen',
      'Pohon Kinerja',
      'Indikator',
      'Target',
      'Pernyataan',
      'Pagu',
      'PK',
      'Realisasi',
      'Penyampaian',
    ]);
    const tree = workbook.getWorksheet('Pohon Kinerja')!;
    expect(tree.getRow(1).values).toEqual([
      undefined,
      'ID',
      'Level',
      'Kode',
      'Nama',
      'Induk',
      'Peran',
      'Selaras dengan',
      'Tabel',
      'Halaman',
      'Baris',
    ]);
    expect(tree.getCell('B1').note).toEqual(
      expect.stringContaining('level: tujuan, sasaran, program, kegiatan, subkegiatan'),
    );
    expect(tree.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(tree.getColumn(4).width).toBe(60);
    const validations = (
      tree as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    expect(validations['B2']).toMatchObject({
      type: 'list',
      formulae: ['"tujuan,sasaran,program,kegiatan,subkegiatan"'],
    });
    expect(validations['F500']).toMatchObject({ type: 'list', formulae: ['"rencana,riwayat,rujukan"'] });
    const realisations = workbook.getWorksheet('Realisasi')!;
    const periods = (
      realisations as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    expect(periods['B2']).toMatchObject({ type: 'custom' });
    expect(workbook.getWorksheet(HELP_SHEET)!.getCell('A1').text).toContain('Buku kerja SAKIP');
    expect(workbook.getWorksheet('Indikator')!.getColumn(10).numFmt).toBe('@');

    const reading = await readWorkbook(template);
    expect(reading.problems).toEqual([]);
    expect(reading.bundle).toMatchObject({ format: 'sakip-bundle/2', nodes: [], indicators: [] });
  });

  it('imports a workbook filled by hand, values as typed', async () => {
    const input = await workbookDocument(await fillWorkbook(template, exampleWorkbookRows('contoh-1')));
    expect(input.problems).toEqual([]);
    const bundle = input.bundle as Bundle;
    expect(bundle.document).toEqual({
      kind: 'renstra',
      title: 'Renstra Dinas Sosial Kabupaten Contoh 2025-2029',
      legalBasis: 'Peraturan Bupati Contoh Nomor 1 Tahun 2025',
      issuedOn: '2025-03-01',
      period: { start: 2025, end: 2029 },
    });
    const [ikm, ppks] = bundle.indicators!;
    expect(ikm).toMatchObject({
      polarity: 'higher-is-better',
      iku: true,
      aggregation: 'last',
      baseline: { year: 2024, value: '78,5' },
      targets: { '2025': '80', '2026': '81,5' },
      statements: [
        { field: 'target', year: 2025, value: '80,0', source: { table: 'Tabel 7.1', row: 2 } },
        { field: 'name', value: 'Indeks kepuasan masyarakat (IKM)', source: { table: 'Tabel 7.1', row: 2 } },
      ],
      source: { table: 'Tabel 6.1', row: 1 },
    });
    expect(ppks).toMatchObject({
      baseline: { value: '46% (262 orang)' },
      targets: { '2025': '-', '2026': 'BB' },
    });
    expect(bundle.indicators![3]).toMatchObject({ role: 'history' });
    expect(bundle.budgets).toEqual([
      { year: 2025, amount: '10.000.000.000', source: { table: 'Tabel 6.1', row: 9 } },
      { node: '1.06.02', year: 2025, amount: '4.550.000.000', source: { table: 'Tabel 6.1', row: 3 } },
      { node: '1.06.02', total: true, amount: '23.000.000.000', source: { table: 'Tabel 6.1', row: 3 } },
      {
        node: '1.06.02',
        year: 2025,
        kind: 'realisation',
        amount: '4.000.000.000',
        source: { table: 'Tabel 2.3' },
      },
    ]);
    expect(bundle.agreements).toEqual([
      { year: 2025, signedOn: '2025-02-01', indicator: 'S1-I1', target: '47' },
    ]);
    expect(bundle.realisations).toEqual([
      { indicator: 'S1-I1', period: '2025-Q1', value: '12', target: '47', reportedAchievement: '25,53' },
      { indicator: 'S1-I1', period: '2024', value: null, target: null, reportedAchievement: '-' },
    ]);

    const store = new MemoryEventStore();
    const outcome = await importDocument(new BundleImporter(store), input, importContext());
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'));
    expect(outcome.summary.warnings).toEqual([]);
    const events = await store.readAll({ after: START });
    const data = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    expect(data('TargetSet')).toContainEqual(
      expect.objectContaining({ indicatorId: 'T1-I1', year: 2026, value: '81,5' }),
    );
    expect(data('BudgetAllocated')).toEqual([
      expect.objectContaining({ nodeId: '1.06.02', amount: '4.550.000.000' }),
    ]);
    expect(data('IndicatorValueStated')).toContainEqual(
      expect.objectContaining({
        field: 'target',
        year: 2025,
        value: '80,0',
        source: { table: 'Tabel 7.1', row: 2 },
      }),
    );
    expect(events.find((e) => e.type === 'NodeDefined')?.metadata['provenance']).toMatchObject({
      table: 'Tabel 6.1',
      row: 1,
    });
  });

  it('a workbook with ten kinds of mistakes: ten messages, each at its cell, and nothing stored', async () => {
    const store = new MemoryEventStore();
    const input = await workbookDocument(await fillWorkbook(template, exampleWithTenMistakes('contoh-2')));
    const outcome = await importDocument(new BundleImporter(store), input, importContext());
    if (outcome.ok) throw new Error('accepted');
    expect(outcome.problems.map((p) => `${p.path}: ${p.id}`)).toEqual([
      'Pohon Kinerja!B3: level "bidang" tidak dikenal; pilih salah satu: tujuan, sasaran, program, kegiatan, subkegiatan',
      'Pohon Kinerja!E5: node "1.06.99" tidak ada di Pohon Kinerja maupun impor sebelumnya untuk contoh-2',
      'Indikator!B3: node "1.06.09" tidak ada di Pohon Kinerja maupun impor sebelumnya untuk contoh-2',
      'Indikator!C4: wajib diisi',
      'Indikator!A5: "S1-I1" dipakai dua kali (juga Indikator!A3)',
      'Target!C2: angka 0.30000000000000004 tersimpan sebagai pecahan biner (hasil rumus atau salinan), bukan nilai yang dicetak; ketik nilainya sebagai teks, mis. "0,3"',
      'Target!B3: tahun 3024 di luar rentang 1900–2200 (salah ketik?)',
      'PK!A2: indikator "NOPE-I1" tidak ada di lembar Indikator maupun impor sebelumnya untuk contoh-2',
      'Realisasi!B2: harus periode: 2024, 2024-Q1…Q4, 2024-S1/S2 atau 2024-01…12',
      'Penyampaian!C2: harus tanggal dengan format yyyy-mm-dd',
    ]);
    expect(outcome.problems.every((p) => p.en.length > 0)).toBe(true);
    expect(formatProblem(outcome.problems[2]!)).toBe(
      'Indikator!B3: node "1.06.09" tidak ada di Pohon Kinerja maupun impor sebelumnya untuk contoh-2 / node "1.06.09" is neither in Pohon Kinerja nor imported before for contoh-2',
    );
    expect(await store.readAll({ after: START })).toEqual([]);
  });

  it('says what a workbook cannot carry: another sheet, an unknown column, a cell without a header, rows of indicators it lacks', async () => {
    const rows = exampleWorkbookRows('contoh-3');
    const bytes = await fillWorkbook(
      template,
      {
        ...rows,
        Pernyataan: [{ Indikator: 'T1-I1', Unsur: 'target', Nilai: '80' }],
        Target: [
          ...(rows['Target'] as TypedRows),
          { Indikator: 'X-I9', Tahun: 2025, Nilai: '1' },
          { Indikator: 'S1-I1', Tahun: 2027, Nilai: '1', 'Jenis pernyataan': 'utama' },
          { Indikator: 'S1-I1', Tahun: 2027, Nilai: '2', 'Jenis pernyataan': 'utama' },
          { Indikator: '1.06.02-I1', Tahun: 2026, Nilai: '3', Tabel: 'Tabel 7.1' },
        ],
      },
      (workbook) => {
        workbook.addWorksheet('Catatan').getCell('B2').value = 'catatan rapat';
        workbook.addWorksheet('Sheet1');
        const indicators = workbook.getWorksheet('Indikator')!;
        indicators.getCell('S1').value = 'Keterangan';
        indicators.getCell('U4').value = 'lupa';
      },
    );
    const reading = await readWorkbook(bytes);
    expect(reading.problems.map((p) => `${p.path}: ${p.en}`)).toEqual([
      expect.stringMatching(/^Indikator!S1: "Keterangan" is not a column of the sheet Indikator/),
      expect.stringMatching(/^Indikator!U4: a cell in a column without a header/),
      expect.stringMatching(/^Target!A8: the indicator "X-I9" is not in the sheet Indikator/),
      expect.stringMatching(/^Target!D10: the indicator already has a main target row for 2027/),
      'Target!E11: a main target takes its source from its indicator\'s row (Indikator!O4); leave Tabel/Halaman/Baris empty or mark this row "tambahan" (further)',
      expect.stringMatching(/^Pernyataan!B2: unsur \(field\) "target" is not known/),
      expect.stringMatching(/^Catatan!B2: the sheet "Catatan" is not a sheet of the SAKIP workbook/),
    ]);
  });

  it('takes the first row of an indicator and year as the main target unless "utama" or "tambahan" says otherwise', async () => {
    const rows = exampleWorkbookRows('contoh-4');
    const bytes = await fillWorkbook(template, {
      ...rows,
      Target: [
        { Indikator: 'T1-I1', Tahun: 2025, Nilai: '79', 'Jenis pernyataan': 'tambahan', Tabel: 'Tabel 4.1' },
        { Indikator: 'T1-I1', Tahun: 2025, Nilai: '80' },
        { Indikator: 'S1-I1', Tahun: 2025, Nilai: '40', Tabel: 'Tabel 4.1' },
        { Indikator: 'S1-I1', Tahun: 2025, Nilai: '41', 'Jenis pernyataan': 'utama' },
        { Indikator: 'S1-I1', Nilai: '42', Tabel: 'Bab VII' },
      ],
    });
    const reading = await readWorkbook(bytes);
    expect(reading.problems).toEqual([]);
    const [ikm, ppks] = (reading.bundle as unknown as Bundle).indicators!;
    expect(ikm).toMatchObject({ targets: { '2025': '80' } });
    expect(ikm?.statements?.[0]).toEqual({
      field: 'target',
      year: 2025,
      value: '79',
      source: { table: 'Tabel 4.1' },
    });
    expect(ppks?.targets).toEqual({ '2025': '41' });
    expect(ppks?.statements).toEqual([
      { field: 'target', year: 2025, value: '40', source: { table: 'Tabel 4.1' } },
      { field: 'target', value: '42', source: { table: 'Bab VII' } },
    ]);
    expect(reading.cells.get('indicators[1].targets.2025')).toBe('Target!C5');
    expect(reading.cells.get('indicators[1].statements[1].value')).toBe('Target!C6');
  });

  it('refuses a file that is not a workbook, saying why', async () => {
    const reading = await readWorkbook(Buffer.from('{"format": "sakip-bundle/2"}'));
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]?.id).toMatch(/^bukan buku kerja \.xlsx yang dapat dibaca/);
    const outcome = await importDocument(
      importer(),
      await workbookDocument(Buffer.from('x')),
      importContext(),
    );
    expect(outcome.ok).toBe(false);
  });

  it('is documented: docs/workbook.md names every sheet and column', () => {
    const doc = readFileSync(join(packageRoot(), 'docs', 'workbook.md'), 'utf8');
    for (const sheet of WORKBOOK_SHEETS) {
      expect(doc).toContain(`\`${sheet.name}\``);
      for (const column of sheet.columns) expect(doc).toContain(`\`${column.header}\``);
    }
  });
});
