/** The little SQL surface the store and the read models need; implemented by PGlite and by `pg`. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs `COPY … FROM STDIN` (text format) with this data, pulled chunk by chunk as the connection takes
   * it. Only where the driver supports it (PostgreSQL through `pg`); callers fall back to INSERT without.
   */
  copyFrom?(sql: string, chunks: Iterable<string>): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** A human description of where the data lives (a folder or a server), never with a password. */
  readonly description: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs several statements (DDL). */
  exec(sql: string): Promise<void>;
  /** Calls `onNotify` on every NOTIFY on `channel`; resolves to a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Double-quotes an SQL identifier. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}
