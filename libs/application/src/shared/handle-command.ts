import {
  DomainError,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
  type EventMetadata,
} from '@sakip/domain';
import {
  formatPosition,
  WrongExpectedVersionError,
  type EventStore,
  type StoredEvent,
} from '@sakip/event-store';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

const IDEMPOTENCY_NAMESPACE = '0d3c9b8a-2f41-4f7e-b6a5-9c8d7e6f5a4b';

export interface CommandContext {
  readonly actor: Actor;
  readonly now: string;
  readonly correlationId: string;
  /** The version of the stream the caller saw; a different current version is a 409, never an overwrite. */
  readonly expectedVersion?: number;
  /** Groups the stream with its organisation. */
  readonly partitionKey?: string;
  /** A retried request with the same key returns the first result instead of acting twice. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  readonly provenance?: EventMetadata['provenance'];
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

/**
 * The one way a command reaches the store: read the stream, fold it, decide, append with the version
 * that was read (a concurrent writer makes the append fail instead of being overwritten).
 */
export async function handleCommand<S, C extends Command, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  command: C,
  context: CommandContext,
): Promise<CommandResult> {
  const history = await store.readStream(streamId);
  const current = history.length;
  const idFor = (n: number) =>
    context.idempotency
      ? uuidv5(`${context.actor.id}|${context.idempotency.key}|${streamId}|${n}`, IDEMPOTENCY_NAMESPACE)
      : randomUUID();

  if (context.idempotency) {
    const firstId = idFor(0);
    const first = history.find((e) => e.id === firstId);
    if (first) {
      if (first.metadata['requestHash'] !== context.idempotency.requestHash) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          {
            id: 'Idempotency-Key ini sudah dipakai untuk permintaan lain.',
            en: 'This Idempotency-Key was already used for a different request.',
          },
          'rule',
        );
      }
      const { key, requestHash } = context.idempotency;
      const replayed = history.filter(
        (e) => e.metadata['idempotencyKey'] === key && e.metadata['requestHash'] === requestHash,
      );
      const last = replayed[replayed.length - 1];
      return resultOf(streamId, last?.streamVersion ?? current, replayed, last, true);
    }
  }

  if (context.expectedVersion !== undefined && context.expectedVersion !== current) {
    throw new WrongExpectedVersionError(streamId, context.expectedVersion, current);
  }
  const state = history.reduce(
    (s, e) => decider.evolve(s, { type: e.type, data: e.data } as E),
    decider.initialState(),
  );
  const events = decider.decide(command, state);
  if (events.length === 0) return resultOf(streamId, current, [], history[history.length - 1], false);

  const metadata: EventMetadata = {
    actor: context.actor,
    recordedAt: context.now,
    correlationId: context.correlationId,
    ...(context.provenance ? { provenance: context.provenance } : {}),
    ...(context.idempotency
      ? { idempotencyKey: context.idempotency.key, requestHash: context.idempotency.requestHash }
      : {}),
  };
  const toAppend = events.map((event, i) => ({
    id: idFor(i),
    type: event.type,
    data: event.data,
    metadata: metadata as unknown as Record<string, unknown>,
  }));
  const appended = await store.appendToStream(streamId, toAppend, {
    expectedVersion: current,
    ...(context.partitionKey ? { partitionKey: context.partitionKey } : {}),
  });
  return {
    streamId,
    version: appended.versions.get(streamId) ?? current + toAppend.length,
    position: appended.position ? formatPosition(appended.position) : null,
    events: toAppend.map((e) => ({ id: e.id, type: e.type })),
    changed: true,
    replayed: false,
  };
}
