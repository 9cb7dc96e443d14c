import type { EventStore } from './event-store';
import { databaseSettingsFromEnv, openDatabase, type DatabaseSettings } from './sql/open-database';
import type { SqlDatabase } from './sql/sql-database';
import { SqlEventStore } from './sql/sql-event-store';

export interface StoreSettings extends DatabaseSettings {
  /** Keep events in EventStoreDB instead of SQL (read models stay in SQL). */
  readonly eventStoreUrl?: string;
  /** Schema of the events; read models use "<schema>_read". Lets several installations share one database. */
  readonly schema: string;
}

/**
 *   DATABASE_URL     PostgreSQL connection string (otherwise the embedded PGlite store)
 *   SAKIP_DATA_DIR   folder of the embedded store (default ./.sakip-data; "memory://" for memory)
 *   EVENTSTORE_URL   events in EventStoreDB instead
 *   SAKIP_SCHEMA     schema name (default "sakip")
 */
export function storeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const eventStoreUrl = env['EVENTSTORE_URL']?.trim();
  const schema = env['SAKIP_SCHEMA']?.trim() || 'sakip';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`SAKIP_SCHEMA must be a lower-case SQL name, not "${schema}"`);
  return { ...databaseSettingsFromEnv(env), ...(eventStoreUrl ? { eventStoreUrl } : {}), schema };
}

/** The SQL database (read models, checkpoints) and the event store of one process. */
export interface OpenedStore {
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly schema: string;
  close(): Promise<void>;
}

export async function openStore(
  settings: StoreSettings,
  options: { applicationName?: string; poolSize?: number } = {},
): Promise<OpenedStore> {
  const db = await openDatabase(settings, options);
  try {
    const store: EventStore = settings.eventStoreUrl
      ? new (await import('./eventstoredb/eventstoredb-event-store')).EventStoreDbEventStore(
          settings.eventStoreUrl,
        )
      : new SqlEventStore(db, settings.schema);
    await store.initialise();
    let closed = false;
    return {
      db,
      store,
      schema: settings.schema,
      async close() {
        if (closed) return;
        closed = true;
        if (!(store instanceof SqlEventStore)) await store.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
