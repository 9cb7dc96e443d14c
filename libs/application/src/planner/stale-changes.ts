import { isWrongExpectedVersion, type EventStore } from '@sakip/event-store';
import { errors } from '../errors/catalogue';

/** One change a writer did not see: the event after the version it expected. */
export interface ChangeSince {
  readonly version: number;
  readonly type: string;
  readonly at: string;
  readonly by: string | null;
  readonly data: unknown;
}

/**
 * Runs a command; when the caller's expectedVersion is stale (409 STALE_VERSION), the answer carries the
 * events recorded since that version, so a form can show what changed meanwhile.
 */
export async function withChangesSince<T>(store: EventStore, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isWrongExpectedVersion(error) || typeof error.expectedVersion !== 'number') throw error;
    const expected = error.expectedVersion;
    const changes: ChangeSince[] = (await store.readStream(error.streamId))
      .filter((e) => e.streamVersion > expected)
      .map((e) => {
        const metadata = e.metadata as { actor?: { id?: string; name?: string }; recordedAt?: string };
        return {
          version: e.streamVersion,
          type: e.type,
          at: metadata.recordedAt ?? e.storedAt,
          by: metadata.actor?.name ?? metadata.actor?.id ?? null,
          data: e.data,
        };
      });
    throw errors.staleVersion(error.streamId, expected, error.actualVersion, changes);
  }
}
