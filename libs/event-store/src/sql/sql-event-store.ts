import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type JsonObject,
  type ReadAllOptions,
  type StoredEvent,
  type StreamWrite,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store';
import { pollingSubscription } from '../polling-subscription';
import { comparePositions, START, type Position } from '../position';
import { eventStoreDdl } from './schema';
import { ident, type SqlDatabase, type SqlExecutor } from './sql-database';

interface EventRow {
  id: string;
  stream_id: string;
  stream_version: number | string;
  partition_key: string | null;
  tx: string;
  pos: string;
  type: string;
  data: unknown;
  metadata: JsonObject;
  recorded_at: string;
}

/**
 * The time of commit comes formatted as `Date.prototype.toISOString` writes it (UTC, milliseconds), so
 * reading the log parses no date: at a rebuild's pace that parsing was a tenth of the read's cost.
 */
const COLUMNS = `event_id::text AS id, stream_id, stream_version, partition_key, transaction_id::text AS tx,
  position::text AS pos, type, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;
const VISIBLE = `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
/** Events per append statement (a bundle larger than this is appended in several, in one transaction). */
const POSTGRES_CHUNK = 5000;
const PGLITE_CHUNK = 1000;

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    partitionKey: row.partition_key,
    position: { commit: BigInt(row.tx), sequence: BigInt(row.pos) },
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    storedAt: row.recorded_at,
  };
}

function lastPosition(positions: readonly Position[]): Position | null {
  return positions.reduce<Position | null>(
    (max, p) => (max === null || comparePositions(p, max) > 0 ? p : max),
    null,
  );
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === constraint || (e.message ?? '').includes(constraint));
}

/** The event store on PostgreSQL or PGlite: same schema, same SQL. */
export class SqlEventStore implements EventStore {
  readonly atomicMultiStreamAppend = true;
  private readonly table: string;
  private readonly channel: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly schemaName = 'sakip',
  ) {
    this.table = `${ident(schemaName)}.events`;
    this.channel = `${schemaName}_events`;
  }

  get description(): string {
    return this.db.description;
  }

  get database(): SqlDatabase {
    return this.db;
  }

  async initialise(): Promise<void> {
    await this.db.exec(eventStoreDdl(this.schemaName));
  }

  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedVersion: ExpectedVersion; partitionKey?: string },
  ): Promise<AppendResult> {
    return this.appendMany([{ streamId, events, ...options }]);
  }

  async appendMany(writes: readonly StreamWrite[]): Promise<AppendResult> {
    assertDistinct(writes);
    const attempt = () => {
      const chunks = chunkWrites(writes, this.chunkSize);
      // One chunk is one statement: atomic on its own, no transaction round trips around it.
      return chunks.length === 1
        ? this.appendChunk(this.db, chunks[0]!)
        : this.db.transaction((tx) => this.appendChunks(tx, chunks));
    };
    try {
      return await attempt();
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_key')) throw await this.conflictAfterRace(writes);
      if (isUniqueViolation(error, 'events_event_id_key')) {
        // The same events were appended concurrently by another writer: retrying sees them as stored.
        return attempt();
      }
      throw error;
    }
  }

  /** Appends inside a transaction the caller controls (used to commit events with other writes). */
  async appendIn(tx: SqlExecutor, writes: readonly StreamWrite[]): Promise<AppendResult> {
    assertDistinct(writes);
    return this.appendChunks(tx, chunkWrites(writes, this.chunkSize));
  }

  /**
   * Events per statement. PGlite runs in this process's thread, so its statements are kept short and the
   * event loop gets a turn between them (a large bundle does not stall other requests).
   */
  private get chunkSize(): number {
    return this.db.kind === 'pglite' ? PGLITE_CHUNK : POSTGRES_CHUNK;
  }

  private async appendChunks(tx: SqlExecutor, chunks: readonly StreamWrite[][]): Promise<AppendResult> {
    const versions = new Map<string, number>();
    let position: Position | null = null;
    let written = 0;
    let duplicates = 0;
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const result = await this.appendChunk(tx, chunk);
      for (const [stream, version] of result.versions) versions.set(stream, version);
      position = lastPosition([position, result.position].filter((p): p is Position => p !== null));
      written += result.written;
      duplicates += result.duplicates;
    }
    return { versions, position, written, duplicates };
  }

  /**
   * One statement does the whole append of these writes: finds the event ids already stored (idempotency),
   * the streams' current versions, refuses the append when an expected version is stale (then nothing is
   * inserted), inserts the rest with their versions and notifies listeners. The events travel as one JSON
   * document, parsed once by the server.
   */
  private async appendChunk(db: SqlExecutor, writes: readonly StreamWrite[]): Promise<AppendResult> {
    const input: unknown[] = [];
    for (const write of writes)
      for (const event of write.events)
        input.push({
          o: input.length,
          i: event.id,
          s: write.streamId,
          k: write.partitionKey ?? null,
          t: event.type,
          d: event.data,
          m: event.metadata,
        });
    if (input.length === 0) {
      const current = await this.currentVersions(
        db,
        writes.map((w) => w.streamId),
      );
      const versions = new Map(writes.map((w) => [w.streamId, current.get(w.streamId) ?? 0]));
      return { versions, position: null, written: 0, duplicates: 0 };
    }
    const [row] = await db.query<{
      conflicts: [string, number, number][];
      current: Record<string, number>;
      existing: string[];
      written: number;
      last: string | null;
    }>(this.appendSql, [
      JSON.stringify(input),
      writes.map((w) => w.streamId),
      writes.map((w) => (w.expectedVersion === 'any' ? -1 : w.expectedVersion)),
      this.channel,
    ]);
    if (!row) throw new Error('unreachable: the append statement returned no row');
    if (row.conflicts.length > 0) {
      const stale = new Map(
        row.conflicts.map(([stream, expected, actual]) => [stream, { expected, actual }]),
      );
      const first = writes.find((w) => stale.has(w.streamId))!;
      const { expected, actual } = stale.get(first.streamId)!;
      throw new WrongExpectedVersionError(first.streamId, expected, actual);
    }
    const stored = new Set(row.existing);
    const versions = new Map<string, number>();
    for (const write of writes)
      versions.set(
        write.streamId,
        (row.current[write.streamId] ?? 0) + write.events.filter((e) => !stored.has(e.id)).length,
      );
    return {
      versions,
      position: row.last ? parsePair(row.last) : null,
      written: Number(row.written),
      duplicates: stored.size,
    };
  }

  private get appendSql(): string {
    const t = this.table;
    return `WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(o int, i uuid, s text, k text, t text, d jsonb, m jsonb)
), expected AS (
  SELECT * FROM unnest($2::text[], $3::int[]) AS e(s, v)
), existing AS (
  SELECT event_id, transaction_id, position FROM ${t} WHERE event_id IN (SELECT i FROM input)
), current AS (
  SELECT expected.s, last.v FROM expected
  CROSS JOIN LATERAL (SELECT max(stream_version) AS v FROM ${t} WHERE stream_id = expected.s) AS last
  WHERE last.v IS NOT NULL
), fresh AS (
  SELECT input.*, coalesce(current.v, 0) + row_number() OVER (PARTITION BY input.s ORDER BY input.o) AS version
  FROM input LEFT JOIN current USING (s)
  WHERE NOT EXISTS (SELECT 1 FROM existing WHERE existing.event_id = input.i)
), conflicts AS (
  SELECT expected.s, expected.v AS expected, coalesce(current.v, 0) AS actual
  FROM expected LEFT JOIN current USING (s)
  WHERE expected.v >= 0 AND expected.v <> coalesce(current.v, 0) AND EXISTS (SELECT 1 FROM fresh WHERE fresh.s = expected.s)
), inserted AS (
  INSERT INTO ${t} (event_id, stream_id, stream_version, partition_key, type, data, metadata)
  SELECT i, s, version, k, t, d, m FROM fresh WHERE NOT EXISTS (SELECT 1 FROM conflicts) ORDER BY o
  RETURNING transaction_id, position
), written AS (
  SELECT count(*)::int AS n FROM inserted
)
SELECT
  (SELECT coalesce(json_agg(json_build_array(s, expected, actual)), '[]'::json) FROM conflicts) AS conflicts,
  (SELECT coalesce(json_object_agg(s, v), '{}'::json) FROM current) AS current,
  (SELECT coalesce(json_agg(event_id), '[]'::json) FROM existing) AS existing,
  (SELECT n FROM written) AS written,
  (SELECT transaction_id::text || ':' || position::text FROM (
     SELECT transaction_id, position FROM inserted UNION ALL SELECT transaction_id, position FROM existing
   ) p ORDER BY transaction_id DESC, position DESC LIMIT 1) AS last,
  (SELECT pg_notify($4, '') FROM written WHERE n > 0) AS notified`;
  }

  private async currentVersions(db: SqlExecutor, streamIds: readonly string[]): Promise<Map<string, number>> {
    if (streamIds.length === 0) return new Map();
    const rows = await db.query<{ stream_id: string; version: number | string }>(
      `SELECT stream_id, max(stream_version) AS version FROM ${this.table} WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
      [streamIds],
    );
    return new Map(rows.map((row) => [row.stream_id, Number(row.version)]));
  }

  private async conflictAfterRace(writes: readonly StreamWrite[]): Promise<WrongExpectedVersionError> {
    const current = await this.currentVersions(
      this.db,
      writes.map((w) => w.streamId),
    );
    const moved =
      writes.find(
        (w) => w.expectedVersion === 'any' || (current.get(w.streamId) ?? 0) !== w.expectedVersion,
      ) ?? writes[0];
    if (!moved) throw new Error('unreachable: a conflict without writes');
    return new WrongExpectedVersionError(
      moved.streamId,
      moved.expectedVersion,
      current.get(moved.streamId) ?? 0,
    );
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return rows.map(toStoredEvent);
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const result = new Map<string, StoredEvent[]>(streamIds.map((id) => [id, []]));
    if (streamIds.length === 0) return result;
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version`,
      [streamIds],
    );
    for (const row of rows) result.get(row.stream_id)?.push(toStoredEvent(row));
    return result;
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const params: unknown[] = [options.after.commit.toString(), options.after.sequence.toString()];
    const where = [`(transaction_id, position) > ($1::text::xid8, $2::bigint)`, VISIBLE];
    if (options.upTo) {
      params.push(options.upTo.commit.toString(), options.upTo.sequence.toString());
      where.push(
        `(transaction_id, position) <= ($${params.length - 1}::text::xid8, $${params.length}::bigint)`,
      );
    }
    // One organisation's events: found by the partition index alone (the subquery keeps the position
    // conditions out of it). Given both, the planner ANDed it with a scan of the commit-order index over the
    // whole log: 0.4 s instead of 5 ms per organisation on 3 M events.
    let from = this.table;
    if (options.partitionKey !== undefined) {
      params.push(options.partitionKey);
      from = `(SELECT * FROM ${this.table} WHERE partition_key = $${params.length} OFFSET 0) AS events`;
    }
    let limit = '';
    if (options.limit !== undefined) {
      params.push(options.limit);
      limit = `LIMIT $${params.length}`;
    }
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY transaction_id, position ${limit}`,
      params,
    );
    return rows.map(toStoredEvent);
  }

  async countAfter(after: Position): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${this.table} WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint) AND ${VISIBLE}`,
      [after.commit.toString(), after.sequence.toString()],
    );
    return Number(row?.n ?? 0);
  }

  async headPosition(): Promise<Position> {
    const [row] = await this.db.query<{ tx: string; pos: string }>(
      `SELECT transaction_id::text AS tx, position::text AS pos FROM ${this.table} WHERE ${VISIBLE}
       ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    return row ? { commit: BigInt(row.tx), sequence: BigInt(row.pos) } : START;
  }

  watch(onAppend: () => void): Promise<() => Promise<void>> {
    return this.db.listen(this.channel, onAppend);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return pollingSubscription(
      (after, limit) => this.readAll({ after, limit }),
      (wake) => this.watch(wake),
      options,
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

function parsePair(text: string): Position {
  const [commit, sequence] = text.split(':');
  return { commit: BigInt(commit!), sequence: BigInt(sequence!) };
}

/** Splits writes into groups of about `size` events, never splitting one stream's write. */
function chunkWrites(writes: readonly StreamWrite[], size: number): StreamWrite[][] {
  const chunks: StreamWrite[][] = [[]];
  let count = 0;
  for (const write of writes) {
    if (count > 0 && count + write.events.length > size) {
      chunks.push([]);
      count = 0;
    }
    chunks[chunks.length - 1]!.push(write);
    count += write.events.length;
  }
  return chunks;
}

function assertDistinct(writes: readonly StreamWrite[]): void {
  const streams = new Set<string>();
  const ids = new Set<string>();
  for (const write of writes) {
    if (streams.has(write.streamId)) throw new Error(`stream ${write.streamId} appears twice in one append`);
    streams.add(write.streamId);
    for (const event of write.events) {
      if (ids.has(event.id)) throw new Error(`event id ${event.id} appears twice in one append`);
      ids.add(event.id);
    }
  }
}
