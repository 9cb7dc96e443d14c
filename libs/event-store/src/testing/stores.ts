import { PgliteDatabase } from '../sql/pglite-database';
import type { SqlDatabase } from '../sql/sql-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { describeWithPostgres, dropSchema, openTestPostgres, uniqueSchemaName } from './postgres';

/** A fresh, initialised event store in an in-memory PGlite: one per test file (or test). */
export async function openMemoryStore(): Promise<SqlEventStore> {
  const store = new SqlEventStore(await PgliteDatabase.open());
  await store.initialise();
  return store;
}

export interface StoreUnderTest {
  readonly store: SqlEventStore;
  readonly db: SqlDatabase;
  /** A schema name of its own for whatever the suite creates next to the events (read models...). */
  readonly schemaPrefix: string;
}

/**
 * Runs the same suite on PGlite (always) and on PostgreSQL (when reachable; required in CI).
 * The body gets a getter: the store exists only once `beforeAll` has run.
 */
export function describeEachStore(name: string, body: (current: () => StoreUnderTest) => void): void {
  describe(`${name} [PGlite]`, () => {
    let current: StoreUnderTest | undefined;
    beforeAll(async () => {
      const store = await openMemoryStore();
      current = { store, db: store.database, schemaPrefix: 'sakip' };
    });
    afterAll(async () => {
      await current?.store.close();
    });
    body(() => {
      if (!current) throw new Error('the store is opened in beforeAll');
      return current;
    });
  });
  describeWithPostgres(name, () => {
    let current: StoreUnderTest | undefined;
    const schema = uniqueSchemaName('it');
    const db = openTestPostgres();
    beforeAll(async () => {
      const store = new SqlEventStore(db, schema);
      await store.initialise();
      current = { store, db, schemaPrefix: schema };
    });
    afterAll(async () => {
      await db.exec(
        `DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname LIKE '${schema}%' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$;`,
      );
      await dropSchema(db, schema);
      await db.close();
    });
    body(() => {
      if (!current) throw new Error('the store is opened in beforeAll');
      return current;
    });
  });
}
