import type { SqlExecutor } from '@sakip/event-store';
import type { Projection } from '../framework/projection';

/** All rows of a table, ordered by its primary key, jsonb and numbers as JS values: for comparing builds. */
export async function readTable(
  db: SqlExecutor,
  qualifiedName: string,
  projection: Projection,
  table: string,
): Promise<Record<string, unknown>[]> {
  const spec = projection.tables.find((t) => t.name === table)!;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${qualifiedName} ORDER BY ${spec.primaryKey.map((c) => `"${c}"`).join(', ')}`,
  );
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v,
      ]),
    ),
  );
}
