import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApi } from '@sakip/api/testing';
import {
  cellsOf,
  exampleWithTenMistakes,
  exampleWorkbookRows,
  fillWorkbook,
} from '@sakip/application/testing';
import { FIXTURE, sakip, tempDataDir } from './support/cli';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows of the import summary table: "│ kind │ in file │ stored │". */
function summaryRows(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /│ \d+\s+│ (\d+|-)\s+│/.test(line));
}

const documentIdIn = (stdout: string) => /document id: (\S+)/.exec(stdout)?.[1] ?? '';

// One folder for the files and two stores (a new embedded store takes seconds to create).
const files = tempDataDir();
const at = (name: string) => join(files.dir, name);
const store = (name: 'one' | 'two') => ({ SAKIP_DATA_DIR: at(name), DATABASE_URL: '' });
let template: Buffer;

beforeAll(async () => {
  const run = await sakip(['template', '--out', at('template.xlsx')]);
  expect(run.stdout).toContain('Workbook template written to');
  template = readFileSync(at('template.xlsx'));
}, 30_000);
afterAll(() => files.cleanup());

describe('the SAKIP workbook through the CLI: template → fill → review → import, export', () => {
  it('a planner fills the template by hand, reviews it and imports it', async () => {
    expect((await sakip(['template', '--out', at('template.xlsx')])).stderr).toContain(
      'exists; not overwritten (add --force to overwrite it)',
    );
    writeFileSync(at('renstra.xlsx'), await fillWorkbook(template, exampleWorkbookRows('dinsos-contoh')));

    const review = await sakip(['review', at('renstra.xlsx'), '--now', '2026-01-15', '--format', 'jsonl']);
    expect(review.code).toBe(0);
    expect(review.stderr).toContain('Renstra Dinas Sosial Kabupaten Contoh 2025-2029');
    expect(review.stderr).toContain('reviewed as of 2026-01-15');

    const run = await sakip(['import', at('renstra.xlsx')], store('one'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ renstra.xlsx');
    expect(summaryRows(run.stdout).join('\n')).toMatch(/targets\s+│ 5\s+│ 5/);

    const back = await sakip(
      ['export', `dinsos-contoh:${documentIdIn(run.stdout)}`, '--format', 'json'],
      store('one'),
    );
    expect(back.code).toBe(0);
    const bundle = JSON.parse(back.stdout);
    expect(bundle.indicators[0].targets).toEqual({ '2025': '80', '2026': '81,5' });
    expect(bundle.budgets[1]).toEqual({
      node: '1.06.02',
      year: 2025,
      amount: '4.550.000.000',
      source: { table: 'Tabel 6.1', row: 3 },
    });
  }, 60_000);

  it('round-trips the fixture: bundle → export as a workbook → import gives the same events; the workbook comes back unchanged', async () => {
    const json = await sakip(['import', FIXTURE], store('one'));
    expect(json.code).toBe(0);
    const documentId = documentIdIn(json.stdout);
    const exported = await sakip(['export', documentId, '--out', at('fixture.xlsx')], store('one'));
    expect(exported.stdout).toContain(`dinsos-karanganyar:${documentId} written to`);

    const workbook = await sakip(['import', at('fixture.xlsx')], store('two'));
    expect(workbook.code).toBe(0);
    expect(documentIdIn(workbook.stdout)).toBe(documentId);
    expect(summaryRows(workbook.stdout)).toEqual(summaryRows(json.stdout));
    expect(workbook.stdout).toContain('759 events stored');

    // The same document back from the store that imported the workbook: the same workbook, cell by cell.
    await sakip(['export', `dinsos-karanganyar:${documentId}`, '--out', at('again.xlsx')], store('two'));
    expect(await cellsOf(readFileSync(at('again.xlsx')))).toEqual(
      await cellsOf(readFileSync(at('fixture.xlsx'))),
    );
  }, 60_000);

  it('refuses a workbook with ten kinds of mistakes: ten messages at their cells, nothing stored', async () => {
    writeFileSync(at('mistakes.xlsx'), await fillWorkbook(template, exampleWithTenMistakes('dinsos-salah')));
    const run = await sakip(['import', at('mistakes.xlsx')], store('two'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mistakes.xlsx rejected (10 problems); nothing was stored');
    const lines = run.stderr.split('\n').filter((line) => /^ {2}[^!]+![A-Z]+\d+: /.test(line));
    expect(lines.map((line) => line.trim().split(':')[0])).toEqual([
      'Pohon Kinerja!B3',
      'Pohon Kinerja!E5',
      'Indikator!B3',
      'Indikator!C4',
      'Indikator!A5',
      'Target!C2',
      'Target!B3',
      'PK!A2',
      'Realisasi!B2',
      'Penyampaian!C2',
    ]);
    expect(run.stderr).toContain(
      'Indikator!B3: node "1.06.09" tidak ada di Pohon Kinerja maupun impor sebelumnya untuk dinsos-salah',
    );
    const tree = await sakip(['tree', 'dinsos-salah'], store('two'));
    expect(tree.stderr).toContain('Organisation "dinsos-salah" is not registered');

    const review = await sakip(['review', at('mistakes.xlsx'), '--now', '2026-01-15']);
    expect(review.code).toBe(1);
    expect(review.stderr).toContain('mistakes.xlsx rejected (10 problems); nothing was reviewed');
  }, 60_000);
});

describe('POST /bundles with a workbook (HTTP API)', () => {
  it('imports a workbook sent as the raw body, and answers 422 with every problem at its cell', async () => {
    const api = await startTestApi();
    try {
      const admin = await api.key('admin');
      const good = await fillWorkbook(template, exampleWorkbookRows('dinsos-api'));
      const response = await api
        .http()
        .post('/bundles')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', XLSX)
        .send(good)
        .expect(200);
      expect(response.body).toMatchObject({ organisationId: 'dinsos-api', nothingNew: false });
      expect(response.body.stored.targets).toBe(5);

      const planner = await api.key('planner', ['another-org']);
      await api
        .http()
        .post('/bundles')
        .set('Authorization', `Bearer ${planner}`)
        .set('Content-Type', XLSX)
        .send(good)
        .expect(403);

      const bad = await fillWorkbook(template, exampleWithTenMistakes('dinsos-api-2'));
      const rejected = await api
        .http()
        .post('/bundles')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', XLSX)
        .send(bad)
        .expect(422);
      expect(rejected.body.code).toBe('BUNDLE_REJECTED');
      expect(rejected.body.errors).toHaveLength(10);
      expect(rejected.body.errors[0]).toEqual({
        path: 'Pohon Kinerja!B3',
        message:
          'level "bidang" is not known; choose one of: tujuan, sasaran, program, kegiatan, subkegiatan',
        pesan:
          'level "bidang" tidak dikenal; pilih salah satu: tujuan, sasaran, program, kegiatan, subkegiatan',
      });
    } finally {
      await api.close();
    }
  }, 60_000);
});
