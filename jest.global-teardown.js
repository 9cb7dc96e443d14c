// After the summary: what did not run, and why (a run without PostgreSQL is not a full run).
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { dirname } = require('node:path');

module.exports = async function reportSkipped() {
  const log = process.env.SAKIP_TEST_SKIPPED_LOG;
  if (!log || !existsSync(log)) return;
  const skipped = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  rmSync(dirname(log), { recursive: true, force: true });
  if (skipped.length === 0) return;
  process.stderr.write(
    `\nSkipped, PostgreSQL ${process.env.SAKIP_TEST_POSTGRES}: ${skipped.length} suites ran on PGlite only or not at all ` +
      `(SAKIP_REQUIRE_POSTGRES=1 makes this a failure):\n${skipped.map((name) => `  - ${name} [PostgreSQL]`).join('\n')}\n`,
  );
};
