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
  recorded_at: Date | string;
}

const COLUMNS = `event_id::text AS id, stream_id, stream_version, partition_key, transaction_id::text AS tx,
  position::text AS pos, type, data, metadata, recorded_at`;
const VISIBLE = `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
const INSERT_CHUNK = 5000;

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
    storedAt:
      row.recorded_at instanceof Date
        ? row.recorded_at.toISOString()
        : new Date(row.recorded_at).toISOString(),
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
    try {
      return await this.db.transaction((tx) => this.appendIn(tx, writes));
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_key')) throw await this.conflictAfterRace(writes);
      if (isUniqueViolation(error, 'events_event_id_key')) {
        // The same events were appended concurrently by another writer: retrying sees them as stored.
        return this.db.transaction((tx) => this.appendIn(tx, writes));
      }
      throw error;
    }
  }

  /** Appends inside a transaction the caller controls (used to commit events with other writes). */
  async appendIn(tx: SqlExecutor, writes: readonly StreamWrite[]): Promise<AppendResult> {
    const ids = writes.flatMap((w) => w.events.map((e) => e.id));
    const streamIds = writes.map((w) => w.streamId);
    const existing = ids.length
      ? await tx.query<{ id: string; tx: string; pos: string }>(
          `SELECT event_id::text AS id, transaction_id::text AS tx, position::text AS pos FROM ${this.table} WHERE event_id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    const stored = new Set(existing.map((row) => row.id));
    const current = await this.currentVersions(tx, streamIds);

    const rows: {
      id: string;
      streamId: string;
      version: number;
      partitionKey: string | null;
      type: string;
      data: string;
      metadata: string;
    }[] = [];
    const versions = new Map<string, number>();
    for (const write of writes) {
      const actual = current.get(write.streamId) ?? 0;
      const fresh = write.events.filter((e) => !stored.has(e.id));
      if (fresh.length > 0 && write.expectedVersion !== 'any' && write.expectedVersion !== actual) {
        throw new WrongExpectedVersionError(write.streamId, write.expectedVersion, actual);
      }
      fresh.forEach((event, index) =>
        rows.push({
          id: event.id,
          streamId: write.streamId,
          version: actual + index + 1,
          partitionKey: write.partitionKey ?? null,
          type: event.type,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(event.metadata),
        }),
      );
      versions.set(write.streamId, actual + fresh.length);
    }

    const positions: Position[] = existing.map((row) => ({
      commit: BigInt(row.tx),
      sequence: BigInt(row.pos),
    }));
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const inserted = await tx.query<{ tx: string; pos: string }>(
        `INSERT INTO ${this.table} (event_id, stream_id, stream_version, partition_key, type, data, metadata)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
         RETURNING transaction_id::text AS tx, position::text AS pos`,
        [
          chunk.map((r) => r.id),
          chunk.map((r) => r.streamId),
          chunk.map((r) => r.version),
          chunk.map((r) => r.partitionKey),
          chunk.map((r) => r.type),
          chunk.map((r) => r.data),
          chunk.map((r) => r.metadata),
        ],
      );
      for (const row of inserted) positions.push({ commit: BigInt(row.tx), sequence: BigInt(row.pos) });
    }
    if (rows.length > 0) await tx.query(`SELECT pg_notify($1, '')`, [this.channel]);
    return { versions, position: lastPosition(positions), written: rows.length, duplicates: stored.size };
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
    if (options.partitionKey !== undefined) {
      params.push(options.partitionKey);
      where.push(`partition_key = $${params.length}`);
    }
    let limit = '';
    if (options.limit !== undefined) {
      params.push(options.limit);
      limit = `LIMIT $${params.length}`;
    }
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE ${where.join(' AND ')} ORDER BY transaction_id, position ${limit}`,
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
