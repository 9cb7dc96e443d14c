import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { PostgresDatabase } from '../sql/postgres-database';

export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

const status = () => process.env['SAKIP_TEST_POSTGRES'] ?? 'not probed';

/**
 * `describe` for suites that need PostgreSQL. Unreachable server: skipped with the reason — except when
 * SAKIP_REQUIRE_POSTGRES=1 (CI), where the suite fails instead of skipping.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (status() === 'available') {
    describe(`${name} [PostgreSQL]`, body);
    return;
  }
  if (process.env['SAKIP_REQUIRE_POSTGRES'] === '1') {
    describe(`${name} [PostgreSQL]`, () => {
      it('needs PostgreSQL', () => {
        throw new Error(`PostgreSQL is required (SAKIP_REQUIRE_POSTGRES=1) but ${status()}`);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": PostgreSQL ${status()}`);
  const log = process.env['SAKIP_TEST_SKIPPED_LOG'];
  if (log) appendFileSync(log, `${name}\n`);
  describe.skip(`${name} [PostgreSQL skipped: ${status()}]`, body);
}

/** A schema of its own for one test file, dropped afterwards. */
export function uniqueSchemaName(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export function openTestPostgres(options: { max?: number } = {}): PostgresDatabase {
  return new PostgresDatabase(TEST_DATABASE_URL, { max: options.max ?? 5, applicationName: 'sakip-test' });
}

export async function dropSchema(db: PostgresDatabase, schema: string): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
