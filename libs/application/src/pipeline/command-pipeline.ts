import { randomUUID } from 'node:crypto';
import {
  eventMetadataFor,
  fold,
  isDomainError,
  type Command,
  type CommandMetadata,
  type Decider,
  type DomainError,
  type DomainEvent,
  type EventMetadata,
} from '@sakip/domain';
import {
  formatPosition,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type StoredEvent,
  type StreamWrite,
} from '@sakip/event-store';
import { v5 as uuidv5 } from 'uuid';
import { errors } from '../errors/catalogue';

/**
 * The one way commands reach the store: read the streams they touch, fold each with its aggregate's
 * decider, decide, and append what was decided with the versions that were read (a concurrent writer
 * makes the append fail instead of being overwritten), with metadata built once by the domain's
 * `eventMetadataFor`. One command on one stream (`execute`) and many commands over many streams in one
 * atomic append (`read` → `decide` → `append`, the bundle import) go through the same steps.
 */

/** The events of the streams a command touches, as read (streams without events map to []). */
export type Histories = ReadonlyMap<string, readonly StoredEvent[]>;

/** A decided event and what its command adds to the metadata (where in a document it came from). */
export interface Decided {
  readonly event: DomainEvent;
  readonly metadata: Partial<EventMetadata>;
}

/** One command for one stream, ready to decide; its decider's types stay inside (see `DecidingStream`). */
export interface PlannedCommand {
  readonly stream: DecidedStream;
  /** Decides against the stream's events read so far and those decided before it in this run. */
  decide(history: readonly StoredEvent[]): readonly DomainEvent[];
}

/** What the pipeline appends: a stream and the events decided for it. */
export interface DecidedStream {
  readonly streamId: string;
  readonly partitionKey?: string;
  readonly decided: readonly Decided[];
}

/**
 * One stream in one run of the pipeline: the decider of its aggregate, its state once folded, and what was
 * decided. Each command on it is typed by its own decider (no casts between deciders).
 */
export class DecidingStream<S, C extends Command, E extends DomainEvent> implements DecidedStream {
  private folded: { readonly state: S } | undefined;
  private readonly events: Decided[] = [];

  constructor(
    readonly streamId: string,
    private readonly decider: Decider<S, C, E>,
    readonly partitionKey?: string,
  ) {}

  get decided(): readonly Decided[] {
    return this.events;
  }

  /** A command on this stream; `metadata` is added to the metadata of its events (e.g. provenance). */
  command(command: C, metadata: Partial<EventMetadata> = {}): PlannedCommand {
    return { stream: this, decide: (history) => this.decide(command, history, metadata) };
  }

  private decide(
    command: C,
    history: readonly StoredEvent[],
    metadata: Partial<EventMetadata>,
  ): readonly E[] {
    const state = this.folded?.state ?? foldStream(this.decider, history);
    const events = this.decider.decide(command, state);
    this.folded = { state: events.reduce(this.decider.evolve, state) };
    for (const event of events) this.events.push({ event, metadata });
    return events;
  }
}

/** The state of a stream's aggregate from its stored events. */
export function foldStream<S, E extends DomainEvent>(
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  history: readonly StoredEvent[],
): S {
  // A stream holds what its aggregate's decider decided: its events, by construction.
  return fold(
    decider,
    history.map((e) => ({ type: e.type, data: e.data }) as E),
  );
}

/** How a single command is carried out: who, when, on which version, and whether it is a retry. */
export interface CommandContext extends CommandMetadata {
  /** Groups the stream with its organisation. */
  readonly partitionKey?: string;
  /** The version of the stream the caller saw; a different current version is a 409, never an overwrite. */
  readonly expectedVersion?: number;
  /** A retried request with the same key returns the first result instead of acting twice. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

export interface CommandResult {
  readonly streamId: string;
  /** Stream version after the command (what to send as expectedVersion next time). */
  readonly version: number;
  /** Position of the command's last event, or of the stream's last event when nothing changed; wait for it to read your write. */
  readonly position: string | null;
  readonly events: readonly { readonly id: string; readonly type: string }[];
  /** False when the command changed nothing (it was already so). */
  readonly changed: boolean;
  /** True when this answers a retried request (same idempotency key) without acting again. */
  readonly replayed: boolean;
}

/** Ids of new events: `index` counts the stream's new events from 0; `version` is the stream's version read. */
export type EventIds = (streamId: string, version: number, index: number) => string;

export interface AppendOptions {
  readonly metadata: CommandMetadata;
  /** Deterministic ids make a repeated append idempotent; random ids by default. */
  readonly eventIds?: EventIds;
  /** Added to every event's metadata (idempotency key and request hash). */
  readonly extra?: Partial<EventMetadata>;
}

export interface Appended {
  /** The events written (or already stored under the same ids), per stream in the order of the plan. */
  readonly events: readonly EventToAppend[];
  readonly result: AppendResult | undefined;
}

const IDEMPOTENCY_NAMESPACE = '0d3c9b8a-2f41-4f7e-b6a5-9c8d7e6f5a4b';

export class CommandPipeline {
  constructor(private readonly store: EventStore) {}

  /** The current state of one stream's aggregate (for reads that need the aggregate, not a read model). */
  async state<S, E extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  ): Promise<S> {
    return foldStream(decider, await this.store.readStream(streamId));
  }

  /** Reads the streams (each once). */
  async read(streamIds: readonly string[]): Promise<Histories> {
    const distinct = [...new Set(streamIds)];
    if (distinct.length !== 1) return this.store.readStreams(distinct);
    return new Map([[distinct[0]!, await this.store.readStream(distinct[0]!)]]);
  }

  /**
   * Decides the commands in order, each against its stream's history and what was decided before it.
   * A command its decider refuses throws, or, with `onRefused`, is reported and the rest go on (nothing
   * of a refused command is kept).
   */
  decide(
    plan: readonly PlannedCommand[],
    histories: Histories,
    onRefused?: (command: PlannedCommand, index: number, error: DomainError) => void,
    onDecided?: (done: number) => void,
  ): void {
    plan.forEach((command, index) => {
      try {
        command.decide(histories.get(command.stream.streamId) ?? []);
      } catch (error) {
        if (!onRefused || !isDomainError(error)) throw error;
        onRefused(command, index, error);
      }
      onDecided?.(index);
    });
  }

  /**
   * Appends every stream's decided events in one append, each stream expected at the version read, with
   * metadata from `eventMetadataFor`. Nothing decided: nothing appended.
   */
  async append(
    streams: readonly DecidedStream[],
    histories: Histories,
    options: AppendOptions,
  ): Promise<Appended> {
    const ids: EventIds = options.eventIds ?? (() => randomUUID());
    const writes: StreamWrite[] = [];
    for (const stream of new Set(streams)) {
      if (stream.decided.length === 0) continue;
      const version = histories.get(stream.streamId)?.length ?? 0;
      writes.push({
        streamId: stream.streamId,
        expectedVersion: version,
        ...(stream.partitionKey ? { partitionKey: stream.partitionKey } : {}),
        events: stream.decided.map(({ event, metadata }, index) => ({
          id: ids(stream.streamId, version, index),
          type: event.type,
          data: event.data,
          metadata: { ...eventMetadataFor(options.metadata, { ...metadata, ...options.extra }) },
        })),
      });
    }
    const events = writes.flatMap((w) => w.events);
    if (writes.length === 0) return { events, result: undefined };
    const [only] = writes;
    const result =
      writes.length === 1 && only
        ? await this.store.appendToStream(only.streamId, only.events, {
            expectedVersion: only.expectedVersion,
            ...(only.partitionKey ? { partitionKey: only.partitionKey } : {}),
          })
        : await this.store.appendMany(writes);
    return { events, result };
  }

  /** One command on one stream: read, check the version the caller saw, decide, append. */
  async execute<S, C extends Command, E extends DomainEvent>(
    streamId: string,
    decider: Decider<S, C, E>,
    command: C,
    context: CommandContext,
  ): Promise<CommandResult> {
    const stream = new DecidingStream(streamId, decider, context.partitionKey);
    const histories = await this.read([streamId]);
    const history = histories.get(streamId) ?? [];
    const current = history.length;
    const { idempotency } = context;
    const idFor = (index: number) =>
      uuidv5(`${context.actor.id}|${idempotency?.key}|${streamId}|${index}`, IDEMPOTENCY_NAMESPACE);

    if (idempotency) {
      const replay = this.replayOf(streamId, history, idFor(0), idempotency);
      if (replay) return replay;
    }
    if (context.expectedVersion !== undefined && context.expectedVersion !== current)
      throw new WrongExpectedVersionError(streamId, context.expectedVersion, current);

    this.decide([stream.command(command)], histories);
    let appended: Appended;
    try {
      appended = await this.append([stream], histories, {
        metadata: context,
        ...(idempotency
          ? {
              eventIds: (_stream, _version, index) => idFor(index),
              extra: { idempotencyKey: idempotency.key, requestHash: idempotency.requestHash },
            }
          : {}),
      });
    } catch (error) {
      // A concurrent request with the same key may have stored its events first: answer as a retry.
      if (idempotency && error instanceof WrongExpectedVersionError) {
        const replay = this.replayOf(streamId, await this.store.readStream(streamId), idFor(0), idempotency);
        if (replay) return replay;
      }
      throw error;
    }
    const { events, result } = appended;
    if (!result) return resultOf(streamId, current, [], history[history.length - 1], false);
    if (idempotency && result.duplicates > 0) {
      // The ids were taken between our read and our append, by a concurrent request with the same key:
      // nothing of ours was written. Its request decides the answer: a replay, or the key reused.
      const replay = this.replayOf(streamId, await this.store.readStream(streamId), idFor(0), idempotency);
      if (replay) return replay;
    }
    return {
      streamId,
      version: result.versions.get(streamId) ?? current + events.length,
      position: result.position ? formatPosition(result.position) : null,
      events: events.map((e) => ({ id: e.id, type: e.type })),
      changed: true,
      replayed: false,
    };
  }

  /**
   * The answer to a request whose idempotency key already acted on this stream: the first result when
   * the request is the same (same hash), IDEMPOTENCY_KEY_REUSED when it is another; undefined when the key
   * has not acted here yet.
   */
  private replayOf(
    streamId: string,
    history: readonly StoredEvent[],
    firstId: string,
    idempotency: { readonly key: string; readonly requestHash: string },
  ): CommandResult | undefined {
    const first = history.find((e) => e.id === firstId);
    if (!first) return undefined;
    if (first.metadata['requestHash'] !== idempotency.requestHash) throw errors.idempotencyKeyReused();
    const replayed = history.filter(
      (e) =>
        e.metadata['idempotencyKey'] === idempotency.key &&
        e.metadata['requestHash'] === idempotency.requestHash,
    );
    const last = replayed[replayed.length - 1];
    return resultOf(streamId, last?.streamVersion ?? history.length, replayed, last, true);
  }
}

function resultOf(
  streamId: string,
  version: number,
  events: readonly StoredEvent[],
  last: StoredEvent | undefined,
  replayed: boolean,
): CommandResult {
  return {
    streamId,
    version,
    position: last ? formatPosition(last.position) : null,
    events: events.map((e) => ({ id: e.id, type: e.type })),
    changed: events.length > 0,
    replayed,
  };
}
