import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type ReadAllOptions,
  type StoredEvent,
  type StreamWrite,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store';
import { pollingSubscription } from '../polling-subscription';
import { comparePositions, START, type Position } from '../position';

/**
 * An event store in this process's memory: the same port and contract as the SQL stores, for work that
 * needs no database (`sakip review` folds a document's events here) and nothing kept afterwards.
 * Every append is one commit; appends are atomic across streams.
 */
export class MemoryEventStore implements EventStore {
  readonly description = 'in-memory event store (nothing is kept)';
  readonly atomicMultiStreamAppend = true;
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly ids = new Map<string, StoredEvent>();
  private readonly listeners = new Set<() => void>();
  private commit = 0n;

  initialise(): Promise<void> {
    return Promise.resolve();
  }

  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedVersion: ExpectedVersion; partitionKey?: string },
  ): Promise<AppendResult> {
    return this.appendMany([{ streamId, events, ...options }]);
  }

  appendMany(writes: readonly StreamWrite[]): Promise<AppendResult> {
    try {
      return Promise.resolve(this.append(writes));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private append(writes: readonly StreamWrite[]): AppendResult {
    for (const write of writes) {
      const fresh = write.events.filter((e) => !this.ids.has(e.id));
      const actual = this.streams.get(write.streamId)?.length ?? 0;
      if (fresh.length > 0 && write.expectedVersion !== 'any' && write.expectedVersion !== actual)
        throw new WrongExpectedVersionError(write.streamId, write.expectedVersion, actual);
    }
    this.commit += 1n;
    const storedAt = new Date().toISOString();
    const versions = new Map<string, number>();
    let position: Position | null = null;
    let written = 0;
    let duplicates = 0;
    let sequence = 0n;
    for (const write of writes) {
      const stream = this.streams.get(write.streamId) ?? [];
      for (const event of write.events) {
        const existing = this.ids.get(event.id);
        if (existing) {
          duplicates++;
          if (!position || comparePositions(existing.position, position) > 0) position = existing.position;
          continue;
        }
        sequence += 1n;
        const stored: StoredEvent = {
          id: event.id,
          streamId: write.streamId,
          streamVersion: stream.length + 1,
          partitionKey: write.partitionKey ?? null,
          position: { commit: this.commit, sequence },
          type: event.type,
          data: structuredClone(event.data),
          metadata: structuredClone(event.metadata),
          storedAt,
        };
        stream.push(stored);
        this.log.push(stored);
        this.ids.set(stored.id, stored);
        position = stored.position;
        written++;
      }
      this.streams.set(write.streamId, stream);
      versions.set(write.streamId, stream.length);
    }
    if (written > 0) for (const listener of this.listeners) listener();
    return { versions, position, written, duplicates };
  }

  readStream(streamId: string): Promise<StoredEvent[]> {
    return Promise.resolve([...(this.streams.get(streamId) ?? [])]);
  }

  readStreams(streamIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    return Promise.resolve(new Map(streamIds.map((id) => [id, [...(this.streams.get(id) ?? [])]])));
  }

  readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const result: StoredEvent[] = [];
    for (const event of this.log) {
      if (comparePositions(event.position, options.after) <= 0) continue;
      if (options.upTo && comparePositions(event.position, options.upTo) > 0) break;
      if (options.partitionKey !== undefined && event.partitionKey !== options.partitionKey) continue;
      result.push(event);
      if (options.limit !== undefined && result.length >= options.limit) break;
    }
    return Promise.resolve(result);
  }

  headPosition(): Promise<Position> {
    return Promise.resolve(this.log[this.log.length - 1]?.position ?? START);
  }

  countAfter(after: Position): Promise<number> {
    return Promise.resolve(this.log.filter((e) => comparePositions(e.position, after) > 0).length);
  }

  watch(onAppend: () => void): Promise<() => Promise<void>> {
    this.listeners.add(onAppend);
    return Promise.resolve(() => {
      this.listeners.delete(onAppend);
      return Promise.resolve();
    });
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return pollingSubscription(
      (after, limit) => this.readAll({ after, limit }),
      (wake) => this.watch(wake),
      options,
    );
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
