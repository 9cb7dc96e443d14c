import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeWithPostgres,
  openTestPostgres,
  TEST_DATABASE_URL,
  uniqueSchemaName,
} from '@sakip/event-store/testing';

/** The store an end-to-end suite runs on, as the settings (environment variables) that open it. */
export interface E2eStore {
  readonly kind: 'PGlite' | 'PostgreSQL';
  /**
   * Settings that open this suite's store from any process: PGlite in a data folder of the suite's own,
   * PostgreSQL in a schema of its own. `inMemory` keeps PGlite in memory instead (one process only).
   */
  env(options?: { inMemory?: boolean }): NodeJS.ProcessEnv;
}

/**
 * Runs an end-to-end suite on the embedded store (PGlite) and on PostgreSQL (TEST_DATABASE_URL, a fresh
 * schema per run, dropped afterwards). Without a reachable PostgreSQL the second is skipped with the reason
 * — or fails when SAKIP_REQUIRE_POSTGRES=1 (CI); see describeWithPostgres.
 */
export function describeEachStore(name: string, body: (store: E2eStore) => void): void {
  describe(`${name} [PGlite]`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'sakip-e2e-store-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    body({
      kind: 'PGlite',
      env: (options = {}) => ({
        SAKIP_DATA_DIR: options.inMemory ? 'memory://' : join(dir, 'data'),
        DATABASE_URL: '',
      }),
    });
  });
  describeWithPostgres(name, () => {
    const schema = uniqueSchemaName('e2e');
    afterAll(async () => {
      const db = openTestPostgres({ max: 1 });
      try {
        const rows = await db.query<{ nspname: string }>(
          `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`,
          [`${schema}%`],
        );
        for (const { nspname } of rows) await db.exec(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
      } finally {
        await db.close();
      }
    });
    body({
      kind: 'PostgreSQL',
      env: () => ({ DATABASE_URL: TEST_DATABASE_URL, SAKIP_SCHEMA: schema, SAKIP_DATA_DIR: 'memory://' }),
    });
  });
}

/**
 * How many events the store holds, committed ones only but whatever the read horizon: on PostgreSQL the
 * head position hides commits newer than a transaction still open (the projector's), so it may move
 * after a request that stored nothing; this count does not.
 */
export async function storedEvents(opened: {
  readonly db: { query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]> };
  readonly schema: string;
}): Promise<number> {
  const [row] = await opened.db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "${opened.schema}".events`,
  );
  return Number(row?.n ?? 0);
}
