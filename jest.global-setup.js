// Probes PostgreSQL once per test run. Integration specs read SAKIP_TEST_POSTGRES: on "available" they run;
// otherwise they skip with the reason, unless SAKIP_REQUIRE_POSTGRES=1 (CI), where they fail.
const { Client } = require('pg');

module.exports = async function probePostgres() {
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
