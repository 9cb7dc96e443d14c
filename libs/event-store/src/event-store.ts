import type { Position } from './position';

export type JsonObject = Record<string, unknown>;

/** An event about to be stored. `id` makes the append idempotent: an id already stored is not written again. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: JsonObject;
}

export interface StoredEvent<Data = unknown> {
  readonly id: string;
  readonly streamId: string;
  /** 1 for the first event of a stream. */
  readonly streamVersion: number;
  readonly partitionKey: string | null;
  readonly position: Position;
  readonly type: string;
  readonly data: Data;
  readonly metadata: JsonObject;
  /** When the store committed it (ISO 8601). */
  readonly storedAt: string;
}

/**
 * The version a writer saw: the number of events in the stream (0 = the stream is empty / does not exist),
 * or 'any' to skip the check.
 */
export type ExpectedVersion = number | 'any';

export interface StreamWrite {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  /** Groups streams that belong together (the organisation): read together, partitioned together. */
  readonly partitionKey?: string;
  readonly events: readonly EventToAppend[];
}

export interface AppendResult {
  /** Version of each written stream after the append. */
  readonly versions: ReadonlyMap<string, number>;
  /** Position of the last event of this append (also when every event was already stored); null when nothing was asked. */
  readonly position: Position | null;
  readonly written: number;
  /** Events whose id was already stored, so they were not written again. */
  readonly duplicates: number;
}

export interface ReadAllOptions {
  /** Exclusive lower bound; START reads from the beginning. */
  readonly after: Position;
  /** Inclusive upper bound: read the log as it was at that position. */
  readonly upTo?: Position;
  readonly limit?: number;
  readonly partitionKey?: string;
}

export interface SubscriptionOptions {
  readonly after: Position;
  readonly batchSize?: number;
  /** Called with each batch, in order; the subscription moves on when it resolves. */
  readonly handler: (events: readonly StoredEvent[]) => Promise<void>;
  /** Called whenever the subscription has read everything there is. */
  readonly onCaughtUp?: (position: Position) => void;
  /** How long to wait for new events when no notification arrives. */
  readonly pollIntervalMs?: number;
}

export interface Subscription {
  /** Stops after the batch being handled; resolves when stopped. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves after stop(), rejects when the handler or a read fails. */
  readonly done: Promise<void>;
}

/** The one port every store adapter implements (PGlite, PostgreSQL, EventStoreDB). */
export interface EventStore {
  readonly description: string;
  /** Whether appendMany over several streams is all-or-nothing. */
  readonly atomicMultiStreamAppend: boolean;
  /** Creates the store's tables when missing. Safe to call every time. */
  initialise(): Promise<void>;
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedVersion: ExpectedVersion; partitionKey?: string },
  ): Promise<AppendResult>;
  /**
   * Appends to several streams. SQL stores: atomically, all or nothing. EventStoreDB: stream by stream
   * (see `atomicMultiStreamAppend`); the writes stay idempotent, so repeating a failed append completes it.
   */
  appendMany(writes: readonly StreamWrite[]): Promise<AppendResult>;
  readStream(streamId: string): Promise<StoredEvent[]>;
  /** Reads several streams at once (missing streams map to an empty list). */
  readStreams(streamIds: readonly string[]): Promise<Map<string, StoredEvent[]>>;
  /** Reads the global log in commit order. Never returns an event before every earlier-committing one. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** The position of the latest event a reader can see now, or START for an empty store. */
  headPosition(): Promise<Position>;
  /** How many events a reader can see after `after` (for progress: how much is left to read). */
  countAfter(after: Position): Promise<number>;
  /**
   * Calls `onAppend` soon after new events are committed (a hint to read again; may be spurious).
   * Stores without notifications resolve to undefined and readers poll.
   */
  watch(onAppend: () => void): Promise<(() => Promise<void>) | undefined>;
  /** A catch-up subscription: reads from `after`, then follows new events as they commit. */
  subscribe(options: SubscriptionOptions): Subscription;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      `Stream ${streamId} is at version ${actualVersion}, not ${String(expectedVersion)} as expected: someone else wrote to it first.`,
    );
    this.name = 'WrongExpectedVersionError';
  }
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError;
}
