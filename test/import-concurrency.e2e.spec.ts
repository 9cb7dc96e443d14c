import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE, sakip, tempDataDir } from './support/cli';
import { describeEachStore } from './support/stores';

/**
 * `sakip import` takes several files at once; files of one organisation must still be stored in the
 * order given (a report on a plan needs the plan first), while files of other organisations go beside them.
 */
describeEachStore('sakip import of several files at once', (store) => {
  const data = tempDataDir();
  const env = store.env();
  afterAll(() => data.cleanup());

  const plan = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    organisation: { id: string; name: string };
    document: Record<string, unknown>;
    realisations: { indicator: string }[];
  };
  /** A small report on the plan's indicators: refused when the plan is not stored yet. */
  const report = {
    format: 'sakip-bundle/2',
    organisation: plan.organisation,
    document: { kind: 'lkjip', title: 'LKjIP 2024', period: { start: 2024, end: 2024 } },
    realisations: [{ indicator: plan.realisations[0]!.indicator, period: '2024', value: '1' }],
  };
  /** The same plan for another organisation. */
  const other = {
    ...plan,
    organisation: { ...plan.organisation, id: 'dinsos-lain', name: 'Dinas Sosial Lain' },
  };

  it('keeps one organisation’s files in order while importing others beside them', async () => {
    const files = {
      plan: FIXTURE,
      other: join(data.dir, 'other.json'),
      report: join(data.dir, 'report.json'),
    };
    writeFileSync(files.other, JSON.stringify(other));
    writeFileSync(files.report, JSON.stringify(report));
    // The report is tiny and the plan large: read and imported at once, the report would come first.
    const run = await sakip(['import', '--concurrency', '3', files.plan, files.other, files.report], env, {
      timeoutMs: 120_000,
    });
    expect(run.stderr).not.toMatch(/ditolak|rejected/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 of 3 files imported, 0 rejected');
  }, 150_000);

  it('refuses a concurrency that is not a whole number of at least 1', async () => {
    const run = await sakip(['import', '--concurrency', '0', FIXTURE], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('must be a whole number ≥ 1');
  });
});
