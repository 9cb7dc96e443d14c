import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './support/cli';

describe('npm test without PostgreSQL', () => {
  it('says after its summary which suites it skipped, and why', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning',
    };
    for (const name of [
      'SAKIP_TEST_POSTGRES',
      'SAKIP_TEST_SKIPPED_LOG',
      'SAKIP_REQUIRE_POSTGRES',
      'JEST_WORKER_ID',
    ])
      delete env[name];
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
        'libs/event-store/src/sql/commit-order.postgres.int.spec.ts',
      ],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).toBe(0);
    const summary = run.stderr.slice(run.stderr.indexOf('Test Suites:'));
    expect(summary).toContain('Skipped, PostgreSQL unreachable at postgres://postgres@127.0.0.1:1/nowhere');
    expect(summary).toMatch(/\n {2}- .+ \[PostgreSQL\]/);
  }, 150_000);
});
