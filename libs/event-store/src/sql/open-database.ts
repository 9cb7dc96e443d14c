import { resolve } from 'node:path';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import type { SqlDatabase } from './sql-database';

export interface DatabaseSettings {
  /** PostgreSQL connection string; when absent, the embedded store is used. */
  readonly databaseUrl?: string;
  /** Folder of the embedded store. */
  readonly dataDir: string;
}

/** Store selection from the environment: DATABASE_URL → PostgreSQL; otherwise PGlite in SAKIP_DATA_DIR (./.sakip-data). */
export function databaseSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const databaseUrl = env['DATABASE_URL']?.trim();
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: dataDirFrom(env['SAKIP_DATA_DIR']),
  };
}

/** "memory://" keeps the embedded store in memory (tests, demos); anything else is a folder. */
export const IN_MEMORY = 'memory://';

function dataDirFrom(value: string | undefined): string {
  const given = value?.trim() || '.sakip-data';
  return given === IN_MEMORY ? IN_MEMORY : resolve(given);
}

export async function openDatabase(
  settings: DatabaseSettings,
  options: { poolSize?: number; applicationName?: string } = {},
): Promise<SqlDatabase> {
  if (settings.databaseUrl) {
    return new PostgresDatabase(settings.databaseUrl, {
      ...(options.poolSize ? { max: options.poolSize } : {}),
      ...(options.applicationName ? { applicationName: options.applicationName } : {}),
    });
  }
  return PgliteDatabase.open(settings.dataDir === IN_MEMORY ? undefined : settings.dataDir);
}
