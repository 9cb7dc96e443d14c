import { ident, type SqlDatabase, type SqlExecutor } from '@sakip/event-store';
import type { Projection } from './projection';

export type BuildStatus = 'building' | 'active' | 'retired';

export interface Build {
  readonly buildId: number;
  readonly projection: string;
  readonly version: number;
  readonly status: BuildStatus;
  readonly checkpoint: { readonly commit: bigint; readonly sequence: bigint };
  readonly eventsApplied: number;
}

interface BuildRow {
  build_id: number;
  projection: string;
  version: number;
  status: BuildStatus;
  checkpoint_commit: string;
  checkpoint_sequence: string;
  events_applied: string | number;
}

export const toBuild = (row: BuildRow): Build => ({
  buildId: Number(row.build_id),
  projection: row.projection,
  version: Number(row.version),
  status: row.status,
  checkpoint: { commit: BigInt(row.checkpoint_commit), sequence: BigInt(row.checkpoint_sequence) },
  eventsApplied: Number(row.events_applied),
});

export const BUILD_COLUMNS = `build_id, projection, version, status, checkpoint_commit::text, checkpoint_sequence::text, events_applied`;

/**
 * Where read models live: schema `<prefix>_read`, one table set per build of a projection
 * (`<projection>__<table>__b<build>`), and the registry of builds with their checkpoints.
 * A new build (version bump or rebuild) fills new tables while queries read the active build's.
 */
export class ReadModelCatalog {
  readonly schema: string;
  private cache: { at: number; builds: Map<string, Build> } | undefined;

  constructor(
    readonly db: SqlDatabase,
    schemaPrefix = 'sakip',
    private readonly cacheMs = 1000,
  ) {
    this.schema = `${schemaPrefix}_read`;
  }

  get buildsTable(): string {
    return `${ident(this.schema)}.builds`;
  }

  /**
   * The tables of the read-model schema with the number of secondary indexes each has (primary keys not
   * counted), by table name; empty before the schema exists. Opening a store reads this once instead of
   * sending every build's `CREATE … IF NOT EXISTS` again.
   */
  async existingTables(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ name: string; indexes: number }>(
      `SELECT t.relname AS name, (count(x.indexrelid) FILTER (WHERE NOT x.indisprimary))::int AS indexes
         FROM pg_catalog.pg_class t
         JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         LEFT JOIN pg_catalog.pg_index x ON x.indrelid = t.oid
        WHERE n.nspname = $1 AND t.relkind IN ('r', 'p')
        GROUP BY t.relname`,
      [this.schema],
    );
    return new Map(rows.map((r) => [r.name, Number(r.indexes)]));
  }

  /** The registry of builds; nothing is sent when `existing` (see existingTables) shows it with its index. */
  async initialise(existing?: ReadonlyMap<string, number>): Promise<void> {
    if ((existing?.get('builds') ?? 0) >= 1) return;
    await this.db.exec(`
CREATE SCHEMA IF NOT EXISTS ${ident(this.schema)};
CREATE TABLE IF NOT EXISTS ${this.buildsTable} (
  build_id            serial PRIMARY KEY,
  projection          text NOT NULL,
  version             integer NOT NULL,
  status              text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
  checkpoint_commit   bigint NOT NULL DEFAULT 0,
  checkpoint_sequence bigint NOT NULL DEFAULT 0,
  events_applied      bigint NOT NULL DEFAULT 0,
  created_at          timestamptz NOT NULL DEFAULT now(),
  activated_at        timestamptz,
  retired_at          timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS builds_one_active ON ${this.buildsTable} (projection) WHERE status = 'active';`);
  }

  /** The table's name in the schema, unqualified and unquoted (as pg_class has it). */
  relationName(projection: string, table: string, buildId: number): string {
    return `${projection.replace(/-/g, '_')}__${table}__b${buildId}`;
  }

  tableName(projection: string, table: string, buildId: number): string {
    return `${ident(this.schema)}.${ident(this.relationName(projection, table, buildId))}`;
  }

  tableNames(projection: Projection, buildId: number): Map<string, string> {
    return new Map(projection.tables.map((t) => [t.name, this.tableName(projection.name, t.name, buildId)]));
  }

  async builds(db: SqlExecutor = this.db): Promise<Build[]> {
    const rows = await db.query<BuildRow>(
      `SELECT ${BUILD_COLUMNS} FROM ${this.buildsTable} WHERE status <> 'retired' ORDER BY build_id`,
    );
    return rows.map(toBuild);
  }

  /** The build queries read: the active one, or while a first build is still catching up, that one. */
  async readableBuild(projection: string): Promise<Build | undefined> {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > this.cacheMs) {
      const builds = new Map<string, Build>();
      for (const build of await this.builds()) {
        const known = builds.get(build.projection);
        if (!known || (known.status !== 'active' && build.status === 'active'))
          builds.set(build.projection, build);
      }
      this.cache = { at: now, builds };
    }
    return this.cache.builds.get(projection);
  }

  /** Qualified table names of a projection's readable build; undefined before the projector first ran. */
  async tables(projection: Projection): Promise<Map<string, string> | undefined> {
    const build = await this.readableBuild(projection.name);
    return build ? this.tableNames(projection, build.buildId) : undefined;
  }

  invalidate(): void {
    this.cache = undefined;
  }
}
