import type { AllStreamResolvedEvent, EventStoreDBClient, ResolvedEvent } from '@eventstore/db-client';
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

const PARTITION = '$sakipPartitionKey';

type Esdb = typeof import('@eventstore/db-client');

function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | undefined {
  const recorded = resolved.event;
  if (!recorded || !recorded.isJson || recorded.type.startsWith('$') || recorded.streamId.startsWith('$'))
    return undefined;
  const { [PARTITION]: partitionKey, ...metadata } = (recorded.metadata ?? {}) as JsonObject;
  const position = recorded.position;
  if (!position)
    throw new Error('EventStoreDB did not return event positions: version 22.6 or later is required');
  return {
    id: recorded.id,
    streamId: recorded.streamId,
    streamVersion: Number(recorded.revision) + 1,
    partitionKey: typeof partitionKey === 'string' ? partitionKey : null,
    position: { commit: position.commit, sequence: position.prepare },
    type: recorded.type,
    data: recorded.data,
    metadata,
    storedAt: recorded.created.toISOString(),
  };
}

/**
 * The event store on EventStoreDB (`EVENTSTORE_URL`, e.g. esdb://localhost:2113?tls=false).
 * Positions are the server's (commit, prepare) positions, already in commit order.
 * Limits, by the nature of the server: appends to several streams are not atomic (each stream is its own
 * transaction; writes stay idempotent by event id so a repeated import completes), and reading one
 * partition scans $all and filters by the partition key kept in event metadata.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly atomicMultiStreamAppend = false;
  private connection: Promise<{ client: EventStoreDBClient; lib: Esdb }> | undefined;

  constructor(readonly connectionString: string) {}

  /** The gRPC client library is loaded by the first call, not by every process that imports the store. */
  private esdb(): Promise<{ client: EventStoreDBClient; lib: Esdb }> {
    this.connection ??= import('@eventstore/db-client').then((lib) => ({
      lib,
      client: lib.EventStoreDBClient.connectionString(this.connectionString),
    }));
    return this.connection;
  }

  get description(): string {
    return `EventStoreDB ${this.connectionString.replace(/\/\/[^@]*@/, '//')}`;
  }

  async initialise(): Promise<void> {
    // Nothing to create; fail early and clearly when the server cannot be reached.
    await this.headPosition();
  }

  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedVersion: ExpectedVersion; partitionKey?: string },
  ): Promise<AppendResult> {
    return this.appendMany([{ streamId, events, ...options }]);
  }

  async appendMany(writes: readonly StreamWrite[]): Promise<AppendResult> {
    const { client, lib } = await this.esdb();
    const versions = new Map<string, number>();
    let written = 0;
    let duplicates = 0;
    let position: Position | null = null;
    for (const write of writes) {
      const existing = await this.readStream(write.streamId);
      const storedIds = new Map(existing.map((e) => [e.id, e]));
      const fresh = write.events.filter((e) => !storedIds.has(e.id));
      for (const event of write.events) {
        const stored = storedIds.get(event.id);
        if (stored) {
          duplicates++;
          if (position === null || comparePositions(stored.position, position) > 0)
            position = stored.position;
        }
      }
      const actual = existing.length;
      if (fresh.length === 0) {
        versions.set(write.streamId, actual);
        continue;
      }
      if (write.expectedVersion !== 'any' && write.expectedVersion !== actual) {
        throw new WrongExpectedVersionError(write.streamId, write.expectedVersion, actual);
      }
      try {
        const result = await client.appendToStream(
          write.streamId,
          fresh.map((e) =>
            lib.jsonEvent({
              id: e.id,
              type: e.type,
              data: e.data as JsonObject,
              metadata:
                write.partitionKey === undefined
                  ? e.metadata
                  : { ...e.metadata, [PARTITION]: write.partitionKey },
            }),
          ),
          {
            expectedRevision:
              write.expectedVersion === 'any' ? 'any' : actual === 0 ? lib.NO_STREAM : BigInt(actual - 1),
          },
        );
        written += fresh.length;
        versions.set(write.streamId, Number(result.nextExpectedRevision) + 1);
        if (result.position) position = { commit: result.position.commit, sequence: result.position.prepare };
      } catch (error) {
        if (error instanceof lib.WrongExpectedVersionError) {
          const current = error.actualVersion === lib.NO_STREAM ? 0 : Number(error.actualVersion) + 1;
          throw new WrongExpectedVersionError(write.streamId, write.expectedVersion, current);
        }
        throw error;
      }
    }
    return { versions, position, written, duplicates };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const { client, lib } = await this.esdb();
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of client.readStream(streamId, {
        direction: lib.FORWARDS,
        fromRevision: lib.START,
      })) {
        const stored = toStoredEvent(resolved);
        if (stored) events.push(stored);
      }
    } catch (error) {
      if (error instanceof lib.StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const read = await Promise.all(streamIds.map(async (id) => [id, await this.readStream(id)] as const));
    return new Map(read);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const { client, lib } = await this.esdb();
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const result: StoredEvent[] = [];
    const from =
      comparePositions(options.after, START) === 0
        ? lib.START
        : { commit: options.after.commit, prepare: options.after.sequence };
    for await (const resolved of client.readAll({
      direction: lib.FORWARDS,
      fromPosition: from,
      maxCount: BigInt(Number.MAX_SAFE_INTEGER),
    })) {
      const stored = toStoredEvent(resolved);
      if (!stored || comparePositions(stored.position, options.after) <= 0) continue;
      if (options.upTo && comparePositions(stored.position, options.upTo) > 0) break;
      if (options.partitionKey !== undefined && stored.partitionKey !== options.partitionKey) continue;
      result.push(stored);
      if (result.length >= limit) break;
    }
    return result;
  }

  /** EventStoreDB keeps no count of $all: this pages through what is left (fine for progress, slow for huge logs). */
  async countAfter(after: Position): Promise<number> {
    let count = 0;
    let from = after;
    for (;;) {
      const page = await this.readAll({ after: from, limit: 4096 });
      count += page.length;
      if (page.length < 4096) return count;
      from = page[page.length - 1]!.position;
    }
  }

  async headPosition(): Promise<Position> {
    const { client, lib } = await this.esdb();
    for await (const resolved of client.readAll({
      direction: lib.BACKWARDS,
      fromPosition: lib.END,
      maxCount: 1000n,
    })) {
      const stored = toStoredEvent(resolved);
      if (stored) return stored.position;
    }
    return START;
  }

  watch(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return pollingSubscription((after, limit) => this.readAll({ after, limit }), undefined, options);
  }

  async close(): Promise<void> {
    if (this.connection) await (await this.connection).client.dispose();
  }
}
