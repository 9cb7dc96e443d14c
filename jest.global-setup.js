// Probes PostgreSQL once per test run. Integration specs read SAKIP_TEST_POSTGRES: on "available" they run;
// otherwise they skip with the reason, unless SAKIP_REQUIRE_POSTGRES=1 (CI), where they fail.
const { Client } = require('pg');

module.exports = async function probePostgres() {
  // Suites that skip write their names here; jest.global-teardown.js prints them after the summary.
  if (!process.env.SAKIP_TEST_SKIPPED_LOG) {
    const { mkdtempSync } = require('node:fs');
    const { join } = require('node:path');
    const { tmpdir } = require('node:os');
    process.env.SAKIP_TEST_SKIPPED_LOG = join(mkdtempSync(join(tmpdir(), 'sakip-test-')), 'skipped.txt');
  }
  if (process.env.SAKIP_TEST_POSTGRES) return;
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.SAKIP_TEST_POSTGRES = 'available';
  } catch (error) {
    process.env.SAKIP_TEST_POSTGRES = `unreachable at ${url.replace(/:[^:@/]*@/, ':***@')}: ${error.message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
};
