import { mkdirSync } from 'node:fs';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { join } from 'node:path';
import { acquirePidLock } from './pid-lock';
import type { SqlDatabase, SqlExecutor } from './sql-database';

export class DataDirectoryInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another sakip process (PGlite allows one process at a time). ` +
        `Stop that process (for example the API started by "sakip serve") or send the request to its HTTP API.`,
    );
    this.name = 'DataDirectoryInUseError';
  }
}

const wrap = (tx: Transaction): SqlExecutor => ({
  async query<Row>(text: string, params: readonly unknown[] = []) {
    return (await tx.query<Row>(text, params as unknown[])).rows;
  },
});

/**
 * Embedded PostgreSQL (PGlite, WASM) in a folder, or in memory when no folder is given. One process owns
 * a folder at a time: a lock file makes a second process fail with a clear message instead of corrupting it.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly db: PGlite,
    readonly description: string,
    private readonly release?: () => void,
  ) {}

  static async open(dataDir?: string): Promise<PgliteDatabase> {
    // The WASM build is loaded when a store is opened, not by every command that imports this module.
    const { PGlite } = await import('@electric-sql/pglite');
    if (!dataDir) return new PgliteDatabase(await PGlite.create(), 'embedded PGlite (in memory)');
    mkdirSync(dataDir, { recursive: true });
    const release = acquirePidLock(join(dataDir, '.sakip.lock'));
    if (!release) throw new DataDirectoryInUseError(dataDir);
    try {
      const db = await PGlite.create(dataDir);
      return new PgliteDatabase(db, `embedded PGlite in ${dataDir}`, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(text, params as unknown[])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(wrap(tx)));
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    this.release?.();
  }
}
