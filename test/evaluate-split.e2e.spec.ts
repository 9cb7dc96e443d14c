import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeWithPostgres,
  dropSchema,
  openTestPostgres,
  TEST_DATABASE_URL,
  uniqueSchemaName,
} from '@sakip/event-store/testing';
import { FIXTURE, sakip, tempDataDir } from './support/cli';

const EVALUATE = ['evaluate', '--year', '2025', '--now', '2026-11-24', '--compliance', '--format', 'csv'];

/** A split batch with processes of the real CLI on PostgreSQL: the same findings as one process. */
describeWithPostgres('sakip evaluate split over processes', () => {
  const schema = uniqueSchemaName('split');
  const env = { DATABASE_URL: TEST_DATABASE_URL, SAKIP_SCHEMA: schema };
  const dir = mkdtempSync(join(tmpdir(), 'sakip-split-'));
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    // Given two organisations (the fixture, and the fixture under another id)
    const bundle = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { organisation: { id: string } };
    writeFileSync(
      file('other.json'),
      JSON.stringify({ ...bundle, organisation: { ...bundle.organisation, id: 'dinsos-lain' } }),
    );
    for (const path of [FIXTURE, file('other.json')]) {
      const run = await sakip(['import', path], env, { timeoutMs: 120_000 });
      expect(run.code).toBe(0);
    }
  }, 300_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const db = openTestPostgres();
    await dropSchema(db, schema);
    await dropSchema(db, `${schema}_read`);
    await db.close();
  });

  it('records the same findings with one process, two workers, and shards combined', async () => {
    const one = await sakip(EVALUATE, env, { timeoutMs: 180_000 });
    expect(one.code).toBe(0);
    const workers = await sakip([...EVALUATE, '--workers', '2'], env, { timeoutMs: 180_000 });
    expect(workers.stderr).toContain('Evaluating 2 organisations with 2 processes');
    expect(workers.code).toBe(0);

    const planned = await sakip([...EVALUATE, '--plan-out', file('plan.json')], env, { timeoutMs: 180_000 });
    expect(planned.code).toBe(0);
    const shards = await Promise.all(
      [0, 1].map((i) =>
        sakip(
          [
            'evaluate',
            '--plan',
            file('plan.json'),
            '--shard',
            `${i}/2`,
            '--part-out',
            file(`part-${i}.json`),
          ],
          env,
          {
            timeoutMs: 180_000,
          },
        ),
      ),
    );
    expect(shards.map((s) => s.code)).toEqual([0, 0]);
    expect(shards[1]!.stdout).toContain('Shard 1/2');
    const combined = await sakip(
      [
        'evaluate',
        '--plan',
        file('plan.json'),
        '--combine',
        file('part-0.json'),
        file('part-1.json'),
        '--format',
        'csv',
      ],
      env,
      { timeoutMs: 180_000 },
    );
    expect(combined.code).toBe(0);
    const plan = JSON.parse(readFileSync(file('plan.json'), 'utf8')) as { batchId: string };
    expect(combined.stderr).toContain(`Evaluation ${plan.batchId}: 2 organisations`);

    const rows = one.stdout.trim().split('\n');
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((r) => r.includes('dinsos-lain'))).toBe(true);
    expect(workers.stdout).toBe(one.stdout);
    expect(combined.stdout).toBe(one.stdout);
  }, 600_000);

  it('refuses a shard of a plan whose rule-set version this store does not hold', async () => {
    const plan = JSON.parse(readFileSync(file('plan.json'), 'utf8')) as { ruleSet: { hash: string } };
    writeFileSync(
      file('other-plan.json'),
      JSON.stringify({ ...plan, ruleSet: { ...plan.ruleSet, hash: 'f'.repeat(64) } }),
    );
    const run = await sakip(
      ['evaluate', '--plan', file('other-plan.json'), '--shard', '0/2', '--part-out', file('x.json')],
      env,
      { timeoutMs: 120_000 },
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('The evaluation plan does not match this store');
    const id = await sakip(
      ['evaluate', '--plan', file('other-plan.json'), '--shard', '0/2', '--part-out', file('x.json')],
      { ...env, SAKIP_LANG: 'id' },
      { timeoutMs: 120_000 },
    );
    expect(id.stderr).toContain('Rencana evaluasi tidak cocok dengan penyimpanan ini');
  }, 300_000);
});

describe('sakip evaluate split on the embedded store', () => {
  const data = tempDataDir();
  afterAll(() => data.cleanup());

  it('says that the embedded store is for one process', async () => {
    const run = await sakip([...EVALUATE, '--workers', '2'], { SAKIP_DATA_DIR: data.dir, DATABASE_URL: '' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'needs PostgreSQL (DATABASE_URL): the embedded store (PGlite) can be opened by one process only',
    );
  });
});
