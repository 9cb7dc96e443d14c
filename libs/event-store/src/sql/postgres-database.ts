import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import type { SqlDatabase, SqlExecutor } from './sql-database';

const wrap = (client: PoolClient): SqlExecutor => ({
  async query<Row>(text: string, params: readonly unknown[] = []) {
    return (await client.query(text, params as unknown[])).rows as Row[];
  },
  async copyFrom(sql: string, chunks: Iterable<string>) {
    const { from } = await import('pg-copy-streams');
    await pipeline(Readable.from(chunks, { objectMode: false }), client.query(from(sql)));
  },
});

export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** PostgreSQL through a `pg` connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  readonly description: string;
  private pooled: Promise<Pool> | undefined;

  constructor(
    private readonly url: string,
    private readonly options: { max?: number; applicationName?: string } = {},
  ) {
    this.description = describeUrl(url);
  }

  /** The pool, created (and the driver loaded) by the first query: commands that never query load no driver. */
  private pool(): Promise<Pool> {
    this.pooled ??= import('pg').then(({ Pool }) => {
      const pool = new Pool({
        connectionString: this.url,
        max: this.options.max ?? 10,
        application_name: this.options.applicationName ?? 'sakip',
      });
      // An idle client that loses its connection must not crash the process: the next query reconnects.
      pool.on('error', () => undefined);
      return pool;
    });
    return this.pooled;
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await (await this.pool()).query(text, params as unknown[])).rows as Row[];
  }

  async exec(sql: string): Promise<void> {
    await (await this.pool()).query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await (await this.pool()).connect();
    try {
      await client.query('BEGIN');
      const result = await work(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: this.url });
    client.on('error', () => undefined);
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
    return async () => {
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (this.pooled) await (await this.pooled).end();
  }
}
