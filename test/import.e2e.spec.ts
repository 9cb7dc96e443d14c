import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE, sakip, tempDataDir } from './support/cli';

/** Counts straight from the file, independent of the product's own counting. */
function countsInFile() {
  const bundle = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const byLevel = (level: string) => bundle.nodes.filter((n: { level: string }) => n.level === level).length;
  return {
    'nodes: tujuan': byLevel('tujuan'),
    'nodes: sasaran': byLevel('sasaran'),
    'nodes: program': byLevel('program'),
    'nodes: kegiatan': byLevel('kegiatan'),
    'nodes: subkegiatan': byLevel('subkegiatan'),
    indicators: bundle.indicators.length,
    targets: bundle.indicators.reduce(
      (n: number, i: { targets?: object }) => n + Object.keys(i.targets ?? {}).length,
      0,
    ),
    budgets: bundle.budgets.length,
    realisations: bundle.realisations.length,
  };
}

/** Rows of the summary table: "│ kind │ in file │ stored │". */
function tableRows(stdout: string): Record<string, [number, number]> {
  const rows: Record<string, [number, number]> = {};
  for (const line of stdout.split('\n')) {
    const cells = line
      .split('│')
      .map((c) => c.trim())
      .filter(Boolean);
    if (cells.length === 3 && /^\d+$/.test(cells[1]!) && /^\d+$/.test(cells[2]!))
      rows[cells[0]!] = [Number(cells[1]), Number(cells[2])];
  }
  return rows;
}

describe('sakip import (CLI, embedded store)', () => {
  const data = tempDataDir();
  const env = { SAKIP_DATA_DIR: data.dir, DATABASE_URL: '' };
  afterAll(() => data.cleanup());

  it('imports the Karanganyar Renstra and prints, per kind, counts equal to the file', async () => {
    const run = await sakip(['import', FIXTURE], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = tableRows(run.stdout);
    for (const [kind, count] of Object.entries(countsInFile()))
      expect({ kind, counts: rows[kind] }).toEqual({ kind, counts: [count, count] });
    expect(run.stdout).toContain('dinsos-karanganyar');
    expect(run.stdout).toMatch(/759 events stored \(position \d+:\d+\)/);
  }, 120_000);

  it('says nothing new when the same bundle is imported again', async () => {
    const run = await sakip(['import', FIXTURE], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Nothing new: this document was already imported with the same content; 0 events written.',
    );
  }, 60_000);

  it('rejects a bad bundle with every problem as path: reason, and exits 1', async () => {
    const bad = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    bad.nodes[0].level = 'bidang';
    bad.realisations[1].period = '2021-Q9';
    const file = join(data.dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const run = await sakip(['import', file], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.json rejected (2 problems); nothing was stored');
    expect(run.stderr).toContain(
      'nodes[0].level: must be one of "tujuan", "sasaran", "program", "kegiatan", "subkegiatan"',
    );
    expect(run.stderr).toContain('realisations[1].period: must be a period');
  }, 60_000);

  it('lists every command in --help', async () => {
    const run = await sakip(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['quickstart', 'import', 'serve', 'keys']) expect(run.stdout).toContain(command);
  }, 60_000);

  it('answers in Indonesian with SAKIP_LANG=id', async () => {
    const run = await sakip(['import', FIXTURE], { ...env, SAKIP_LANG: 'id' });
    expect(run.stdout).toContain('Tidak ada yang baru');
  }, 60_000);
});
