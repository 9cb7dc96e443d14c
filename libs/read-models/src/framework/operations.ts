import type { Row, RowOperation, TableSpec } from './projection';

export interface MergedUpsert {
  readonly type: 'upsert';
  readonly table: string;
  readonly key: Row;
  set: Record<string, Row[string]>;
  version: number | undefined;
}

export type MergedOperation = MergedUpsert | Extract<RowOperation, { type: 'insert' }>;

function keyOf(spec: TableSpec, row: Row): string {
  return JSON.stringify(spec.primaryKey.map((column) => row[column] ?? null));
}

/** A cell as part of a merge key: text as it is, other values tagged so that 1 and "1" differ. */
const keyCell = (value: Row[string] | undefined): string =>
  typeof value === 'string' ? value : `\u0001${value === undefined ? 'null' : JSON.stringify(value)}`;

/**
 * Collapses operations to one per row, in order, and keeps doing so as more come (a build filled from
 * event 0 merges many batches before it writes): later columns win, the highest version is kept, an insert
 * of an existing key is dropped. The result is what both the SQL writer and memory tables apply.
 */
export class OperationMerger {
  private readonly merged = new Map<string, MergedOperation>();
  private readonly keyColumns = new Map<string, readonly string[]>();

  constructor(private readonly specs: ReadonlyMap<string, TableSpec>) {
    for (const [name, spec] of specs) this.keyColumns.set(name, spec.primaryKey);
  }

  /** Rows held (one per table and key). */
  get size(): number {
    return this.merged.size;
  }

  add(operations: readonly RowOperation[]): void {
    for (const op of operations) this.addOne(op);
  }

  addOne(op: RowOperation): void {
    const columns = this.keyColumns.get(op.table);
    if (!columns) throw new Error(`operation on unknown table ${op.table}`);
    const row = op.type === 'upsert' ? op.key : op.row;
    let id = op.table;
    for (const column of columns) id += `\u0000${keyCell(row[column])}`;
    const previous = this.merged.get(id);
    if (op.type === 'insert') {
      if (!previous) this.merged.set(id, op);
      return;
    }
    if (previous?.type === 'upsert') {
      if (op.version !== undefined && previous.version !== undefined && op.version <= previous.version)
        return;
      Object.assign(previous.set, op.set);
      previous.version = op.version ?? previous.version;
    } else {
      this.merged.set(id, {
        type: 'upsert',
        table: op.table,
        key: op.key,
        set: { ...op.set },
        version: op.version,
      });
    }
  }

  /** The merged operations, in the order their rows first appeared; the merger is empty afterwards. */
  take(): MergedOperation[] {
    const result = [...this.merged.values()];
    this.merged.clear();
    return result;
  }
}

export function mergeOperations(
  operations: readonly RowOperation[],
  specs: ReadonlyMap<string, TableSpec>,
): MergedOperation[] {
  const merger = new OperationMerger(specs);
  merger.add(operations);
  return merger.take();
}

/** Tables held in memory with the same semantics as the SQL writer: for pure projection specs. */
export class MemoryTables {
  private readonly rows = new Map<string, Map<string, Record<string, Row[string]>>>();
  private readonly specs: Map<string, TableSpec>;

  constructor(specs: readonly TableSpec[]) {
    this.specs = new Map(specs.map((s) => [s.name, s]));
    for (const spec of specs) this.rows.set(spec.name, new Map());
  }

  apply(operations: readonly RowOperation[]): void {
    for (const op of mergeOperations(operations, this.specs)) {
      const spec = this.specs.get(op.table)!;
      const table = this.rows.get(op.table)!;
      if (op.type === 'insert') {
        const key = keyOf(spec, op.row);
        if (!table.has(key)) table.set(key, { ...op.row });
        continue;
      }
      const key = keyOf(spec, op.key);
      const existing = table.get(key);
      const versionColumn = spec.versionColumn;
      if (existing && versionColumn && op.version !== undefined) {
        const current = existing[versionColumn];
        if (typeof current === 'number' && current >= op.version) continue;
      }
      table.set(key, {
        ...(existing ?? {}),
        ...op.key,
        ...op.set,
        ...(versionColumn && op.version !== undefined ? { [versionColumn]: op.version } : {}),
      });
    }
  }

  /** Rows of a table, sorted by primary key, with absent columns as null (as SQL returns them). */
  table(name: string): Record<string, unknown>[] {
    const spec = this.specs.get(name);
    const table = this.rows.get(name);
    if (!spec || !table) throw new Error(`unknown table ${name}`);
    return [...table.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => Object.fromEntries(Object.keys(spec.columns).map((c) => [c, plain(row[c])])));
  }
}

function plain(value: Row[string] | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return value.json;
  return value;
}
