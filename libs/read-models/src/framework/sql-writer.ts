import { ident, type SqlExecutor } from '@sakip/event-store';
import { mergeOperations, type MergedOperation } from './operations';
import type { CellValue, RowOperation, TableSpec } from './projection';

const CHUNK = 5000;

/** A cell as it travels in the JSON document of a bulk write (jsonb cells as their JSON value). */
function toJsonCell(value: CellValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return value.json === undefined ? null : value.json;
  return value;
}

/**
 * The table with its primary key, and its secondary indexes unless `indexes` is false: a build filled
 * from event 0 gets them when it has caught up (one sort per index instead of an insert per row each).
 */
export function createTableSql(
  qualifiedName: string,
  spec: TableSpec,
  options: { indexes?: boolean } = {},
): string {
  const columns = Object.entries(spec.columns).map(([name, type]) => `${ident(name)} ${type}`);
  const primaryKey = `PRIMARY KEY (${spec.primaryKey.map(ident).join(', ')})`;
  const table = `CREATE TABLE IF NOT EXISTS ${qualifiedName} (${[...columns, primaryKey].join(', ')});`;
  return options.indexes === false ? table : `${table}\n${createIndexesSql(qualifiedName, spec)}`;
}

export function createIndexesSql(qualifiedName: string, spec: TableSpec): string {
  return (spec.indexes ?? [])
    .map(
      (columns, i) =>
        `CREATE INDEX IF NOT EXISTS ${ident(`${qualifiedName.split('.').pop()!.replace(/"/g, '')}_i${i}`)} ON ${qualifiedName} (${columns.map(ident).join(', ')});`,
    )
    .join('\n');
}

/**
 * Applies a batch of operations in bulk: one INSERT … SELECT FROM jsonb_to_recordset(…) per table and
 * column set (the rows travel as one JSON document, parsed once by the server), with ON CONFLICT so that
 * re-applying the same events changes nothing.
 */
export async function applyOperations(
  tx: SqlExecutor,
  operations: readonly RowOperation[],
  specs: ReadonlyMap<string, TableSpec>,
  tableNames: ReadonlyMap<string, string>,
): Promise<void> {
  const groups = new Map<string, MergedOperation[]>();
  for (const op of mergeOperations(operations, specs)) {
    const columns =
      op.type === 'insert' ? Object.keys(op.row) : [...Object.keys(op.key), ...Object.keys(op.set)];
    const group = `${op.table}|${op.type}|${op.type === 'upsert' && op.version !== undefined ? 'v' : ''}|${columns.sort().join(',')}`;
    const list = groups.get(group) ?? [];
    list.push(op);
    groups.set(group, list);
  }
  for (const ops of groups.values()) {
    const first = ops[0]!;
    const spec = specs.get(first.table)!;
    const table = tableNames.get(first.table)!;
    for (let start = 0; start < ops.length; start += CHUNK)
      await writeGroup(tx, spec, table, ops.slice(start, start + CHUNK));
  }
}

async function writeGroup(
  tx: SqlExecutor,
  spec: TableSpec,
  table: string,
  ops: readonly MergedOperation[],
): Promise<void> {
  const first = ops[0]!;
  const rows = ops.map((op) =>
    op.type === 'insert'
      ? { ...op.row }
      : {
          ...op.key,
          ...op.set,
          ...(spec.versionColumn && op.version !== undefined ? { [spec.versionColumn]: op.version } : {}),
        },
  );
  const columns = Object.keys(rows[0]!).sort();
  for (const column of columns)
    if (!spec.columns[column]) throw new Error(`table ${spec.name} has no column ${column}`);
  const document = JSON.stringify(
    rows.map((row) => {
      const cells: Record<string, unknown> = {};
      for (const column of columns) cells[column] = toJsonCell(row[column]);
      return cells;
    }),
  );
  const definition = columns.map((column) => `${ident(column)} ${spec.columns[column]!}`).join(', ');
  const conflict = spec.primaryKey.map(ident).join(', ');
  const updatable = columns.filter((c) => !spec.primaryKey.includes(c));
  let onConflict = 'DO NOTHING';
  if (first.type === 'upsert' && updatable.length > 0) {
    const set = updatable.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ');
    const guard =
      spec.versionColumn && columns.includes(spec.versionColumn)
        ? ` WHERE t.${ident(spec.versionColumn)} IS NULL OR t.${ident(spec.versionColumn)} < EXCLUDED.${ident(spec.versionColumn)}`
        : '';
    onConflict = `DO UPDATE SET ${set}${guard}`;
  }
  await tx.query(
    `INSERT INTO ${table} AS t (${columns.map(ident).join(', ')}) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${definition}) ON CONFLICT (${conflict}) ${onConflict}`,
    [document],
  );
}
