import { ident, type SqlExecutor } from '@sakip/event-store';
import { mergeOperations, type MergedOperation } from './operations';
import type { CellValue, ColumnType, RowOperation, TableSpec } from './projection';

const CHUNK = 5000;

const ARRAY_TYPE: Record<ColumnType, string> = {
  text: 'text[]',
  integer: 'int[]',
  bigint: 'bigint[]',
  numeric: 'numeric[]',
  boolean: 'boolean[]',
  date: 'date[]',
  timestamptz: 'timestamptz[]',
  jsonb: 'jsonb[]',
};

function toParameter(value: CellValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value.json);
  return value;
}

export function createTableSql(qualifiedName: string, spec: TableSpec): string {
  const columns = Object.entries(spec.columns).map(([name, type]) => `${ident(name)} ${type}`);
  const primaryKey = `PRIMARY KEY (${spec.primaryKey.map(ident).join(', ')})`;
  const indexes = (spec.indexes ?? []).map(
    (columns, i) =>
      `CREATE INDEX IF NOT EXISTS ${ident(`${qualifiedName.split('.').pop()!.replace(/"/g, '')}_i${i}`)} ON ${qualifiedName} (${columns.map(ident).join(', ')});`,
  );
  return `CREATE TABLE IF NOT EXISTS ${qualifiedName} (${[...columns, primaryKey].join(', ')});\n${indexes.join('\n')}`;
}

/**
 * Applies a batch of operations in bulk: one INSERT … SELECT FROM unnest(…) per table and column set,
 * with ON CONFLICT so that re-applying the same events changes nothing.
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
  const params = columns.map((column) => rows.map((row) => toParameter(row[column])));
  const select = columns.map((column, i) => `$${i + 1}::${ARRAY_TYPE[spec.columns[column]!]}`).join(', ');
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
    `INSERT INTO ${table} AS t (${columns.map(ident).join(', ')}) SELECT * FROM unnest(${select}) ON CONFLICT (${conflict}) ${onConflict}`,
    params,
  );
}
