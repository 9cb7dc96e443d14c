import type { StoredEvent } from '@sakip/event-store';

export type ColumnType =
  'text' | 'integer' | 'bigint' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';

/** A JSON value for jsonb columns; everything else is a plain cell. */
export type CellValue = string | number | boolean | null | { readonly json: unknown };
export type Row = Readonly<Record<string, CellValue>>;

/** Marks a value for a jsonb column (raw document values keep their JSON type: 81 is not "81"). */
export const json = (value: unknown): CellValue => (value === undefined ? null : { json: value });

export interface TableSpec {
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  readonly primaryKey: readonly string[];
  /**
   * Column holding the version of the stream that last wrote the row. An upsert carrying an older or
   * equal version changes nothing, so applying the same events twice yields the same rows.
   */
  readonly versionColumn?: string;
  readonly indexes?: readonly (readonly string[])[];
}

/**
 * What applying an event does to the read model, as data: the same operations run against SQL (in bulk)
 * or against memory tables in specs, so projections are pure and their specs need no database.
 */
export type RowOperation =
  /** Sets these columns of the row with this key (creating it); `version` guards against replays. */
  | {
      readonly type: 'upsert';
      readonly table: string;
      readonly key: Row;
      readonly set: Row;
      readonly version?: number;
    }
  /** Adds the row unless its key exists (history rows keyed by event id). */
  | { readonly type: 'insert'; readonly table: string; readonly row: Row };

/** A read model: `{ name, version, handles, apply }` plus the tables it owns. Bump `version` to rebuild it. */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly description: string;
  readonly handles: readonly string[];
  readonly tables: readonly TableSpec[];
  apply(event: StoredEvent): readonly RowOperation[];
}

/** Drops undefined values, so only what an event says is written (a field it leaves out keeps its value). */
export function defined(row: Record<string, CellValue | undefined>): Row {
  const result: Record<string, CellValue> = {};
  for (const [key, value] of Object.entries(row)) if (value !== undefined) result[key] = value;
  return result;
}
