import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE, sakip } from './support/cli';

const REF = 'dinsos-karanganyar:S1-I1';

/** The planner's story through the command line, on the embedded store in a folder of its own. */
describe('planner commands and history (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sakip-cli-planner-'));
  const env = { SAKIP_DATA_DIR: dir, DATABASE_URL: '' };
  const run = (...args: string[]) => sakip(args, env);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports, revises a target, reports a realisation and explains the history', async () => {
    expect((await run('import', FIXTURE)).code).toBe(0);

    const noReason = await run(
      'revise-target',
      REF,
      '--year',
      '2025',
      '--value',
      '82,5',
      '--effective-on',
      '2025-07-01',
    );
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain("required option '--reason <reason>' not specified");

    const noBasis = await run(
      'revise-target',
      REF,
      '--year',
      '2025',
      '--value',
      '82,5',
      '--reason',
      'Penyesuaian',
      '--effective-on',
      '2025-07-01',
    );
    expect(noBasis.code).toBe(1);
    expect(noBasis.stderr).toMatch(/legal basis|document reference/i);

    const revised = await run(
      'revise-target',
      REF,
      '--year',
      '2025',
      '--value',
      '82,5',
      '--reason',
      'Penyesuaian setelah evaluasi SAKIP 2024',
      '--legal-basis',
      'Peraturan Bupati Karanganyar Nomor 40 Tahun 2025',
      '--effective-on',
      '2025-07-01',
      '--expected-version',
      '12',
    );
    expect(revised.code).toBe(0);
    expect(revised.stdout).toMatch(
      /✓ Stored: TargetRevised — indicator-dinsos-karanganyar\/S1-I1, version 13/,
    );

    const stale = await run(
      'report-realisation',
      REF,
      '--period',
      '2025',
      '--value',
      '80,1',
      '--expected-version',
      '12',
    );
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('current version is 13');

    const reported = await run(
      'report-realisation',
      REF,
      '--period',
      '2025',
      '--value',
      '80,1',
      '--reported-achievement',
      '97,09',
      '--expected-version',
      '13',
    );
    expect(reported.code).toBe(0);

    const indicator = await run('indicator', REF);
    expect(indicator.code).toBe(0);
    const row2025 = indicator.stdout.split('\n').find((line) => line.includes('│ 2025 '));
    expect(
      row2025
        ?.split('│')
        .map((cell) => cell.trim())
        .filter(Boolean),
    ).toEqual(['2025', '82,5 *', '–', '80,1', '97,09', '97.09 %', 'Very high']);

    const json = JSON.parse((await run('indicator', REF, '--json')).stdout);
    expect(
      json.periods.find((p: { period: string }) => p.period === '2025').computedAchievement.percent,
    ).toBeCloseTo(97.09, 2);

    const history = await run('history', REF);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain('Target 2025: 82 → 82,5');
    expect(history.stdout).toContain('82 → 82,5 (TargetRevised)');
    expect(history.stdout).toContain('reason: Penyesuaian setelah evaluasi SAKIP 2024');
    expect(history.stdout).toContain('legal basis: Peraturan Bupati Karanganyar Nomor 40 Tahun 2025');
    expect(history.stdout).toContain('effective: 2025-07-01');
    expect(history.stdout).toContain(
      'Rencana Strategis (Renstra) Dinas Sosial Kabupaten Karanganyar Tahun 2024-2026 — Tabel 6.1, row 4',
    );

    const before = await run('indicator', REF, '--as-of', '2025-06-30', '--basis', 'effective', '--json');
    expect(
      JSON.parse(before.stdout).periods.find((p: { period: string }) => p.period === '2025'),
    ).toMatchObject({
      target: { raw: '82' },
      realisation: null,
    });

    const indonesian = await sakip(['history', REF], { ...env, SAKIP_LANG: 'id' });
    expect(indonesian.stdout).toContain('alasan: Penyesuaian setelah evaluasi SAKIP 2024');
    // In Indonesian, numbers are written the Indonesian way, as the document writes them.
    const table = await sakip(['indicator', REF], { ...env, SAKIP_LANG: 'id' });
    expect(
      table.stdout
        .split('\n')
        .find((line) => line.includes('│ 2025 '))
        ?.split('│')
        .map((cell) => cell.trim())
        .filter(Boolean),
    ).toEqual(['2025', '82,5 *', '–', '80,1', '97,09', '97,09 %', 'Sangat Tinggi']);
  }, 120_000);

  it('shows the tree and rebuilds the read models with progress', async () => {
    const tree = await run('tree', 'dinsos-karanganyar');
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain('tujuan');
    expect(tree.stdout).toContain('• Nilai SAKIP [dinsos-karanganyar:S1-I1]');
    const rebuilt = await run('project', '--rebuild', '--once');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toMatch(/Read models up to date: 7\d\d events/);
    const after = await run('indicator', REF, '--json');
    expect(JSON.parse(after.stdout).indicator.version).toBe(14);
  }, 60_000);
});
