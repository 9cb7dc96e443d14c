import { ident, type SqlExecutor } from '@sakip/event-store';
import { mergeOperations, type MergedOperation } from './operations';
import type { CellValue, Row, RowOperation, TableSpec } from './projection';

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
  await writeMerged(tx, mergeOperations(operations, specs), specs, tableNames);
}

/**
 * Writes merged operations (one per row). `empty`: the tables are known to be empty (a build's first
 * write), so every row is new: on PostgreSQL each table is filled with one COPY; elsewhere as below.
 */
export async function writeMerged(
  tx: SqlExecutor,
  operations: readonly MergedOperation[],
  specs: ReadonlyMap<string, TableSpec>,
  tableNames: ReadonlyMap<string, string>,
  options: { empty?: boolean } = {},
): Promise<void> {
  if (options.empty && tx.copyFrom) {
    const byTable = new Map<string, MergedOperation[]>();
    for (const op of operations) {
      const list = byTable.get(op.table);
      if (list) list.push(op);
      else byTable.set(op.table, [op]);
    }
    for (const [name, ops] of byTable) await copyRows(tx, specs.get(name)!, tableNames.get(name)!, ops);
    return;
  }
  const groups = new Map<string, MergedOperation[]>();
  for (const op of operations) {
    let group: string;
    if (op.type === 'insert') group = `${op.table}|i|${Object.keys(op.row).join(',')}`;
    else {
      group = `${op.table}|u${op.version === undefined ? '' : 'v'}|${Object.keys(op.key).join(',')}|`;
      for (const column in op.set) group += `${column},`;
    }
    const list = groups.get(group);
    if (list) list.push(op);
    else groups.set(group, [op]);
  }
  for (const ops of groups.values()) {
    const first = ops[0]!;
    const spec = specs.get(first.table)!;
    const table = tableNames.get(first.table)!;
    for (let start = 0; start < ops.length; start += CHUNK)
      await writeGroup(tx, spec, table, ops.length <= CHUNK ? ops : ops.slice(start, start + CHUNK));
  }
}

/** The value an operation gives a column (undefined: the operation does not set it). */
function cellOf(spec: TableSpec, op: MergedOperation, column: string): CellValue | undefined {
  if (op.type === 'insert') return op.row[column];
  if (column === spec.versionColumn && op.version !== undefined) return op.version;
  return Object.hasOwn(op.set, column) ? op.set[column] : op.key[column];
}

/** The columns an operation sets, sorted. */
function columnsOf(spec: TableSpec, op: MergedOperation): string[] {
  if (op.type === 'insert') return Object.keys(op.row).sort();
  const columns = new Set([...Object.keys(op.key), ...Object.keys(op.set)]);
  if (spec.versionColumn && op.version !== undefined) columns.add(spec.versionColumn);
  return [...columns].sort();
}

async function writeGroup(
  tx: SqlExecutor,
  spec: TableSpec,
  table: string,
  ops: readonly MergedOperation[],
): Promise<void> {
  const first = ops[0]!;
  const columns = columnsOf(spec, first);
  for (const column of columns)
    if (!spec.columns[column]) throw new Error(`table ${spec.name} has no column ${column}`);
  const cells = ops.map((op) => {
    const row: Record<string, unknown> = {};
    for (const column of columns) row[column] = toJsonCell(cellOf(spec, op, column));
    return row;
  });
  const document = JSON.stringify(cells);
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

/** Rows per chunk handed to COPY (the next chunk is made while the server takes this one). */
const COPY_CHUNK = 2000;
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A cell in COPY's text format. */
function copyCell(value: CellValue | undefined): string {
  if (value === undefined || value === null) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') return String(value);
  else if (typeof value === 'boolean') return value ? 't' : 'f';
  else if (value.json === undefined) return '\\N';
  else text = JSON.stringify(value.json);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** New rows (distinct keys, none stored yet) into a table with one COPY, every column of the table. */
async function copyRows(
  tx: SqlExecutor,
  spec: TableSpec,
  table: string,
  ops: readonly MergedOperation[],
): Promise<void> {
  const columns = Object.keys(spec.columns);
  const index = new Map(columns.map((column, i) => [column, i]));
  const place = (cells: string[], row: Row) => {
    for (const column in row) {
      const i = index.get(column);
      if (i === undefined) throw new Error(`table ${spec.name} has no column ${column}`);
      cells[i] = copyCell(row[column]);
    }
  };
  const version = spec.versionColumn === undefined ? undefined : index.get(spec.versionColumn);
  function* chunks(): Generator<string> {
    for (let start = 0; start < ops.length; start += COPY_CHUNK) {
      let text = '';
      const end = Math.min(ops.length, start + COPY_CHUNK);
      for (let i = start; i < end; i++) {
        const op = ops[i]!;
        const cells = new Array<string>(columns.length).fill('\\N');
        if (op.type === 'insert') place(cells, op.row);
        else {
          place(cells, op.key);
          place(cells, op.set);
          if (version !== undefined && op.version !== undefined) cells[version] = String(op.version);
        }
        text += `${cells.join('\t')}\n`;
      }
      yield text;
    }
  }
  await tx.copyFrom!(`COPY ${table} (${columns.map(ident).join(', ')}) FROM STDIN`, chunks());
}
