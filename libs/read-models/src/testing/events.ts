import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@sakip/domain';
import type { StoredEvent } from '@sakip/event-store';
import { MemoryTables } from '../framework/operations';
import type { Projection } from '../framework/projection';

let sequence = 0;
const versions = new Map<string, number>();

export const TEST_METADATA: EventMetadata = {
  actor: { id: 'cli:tester', kind: 'cli', name: 'tester' },
  recordedAt: '2026-01-15T08:00:00.000Z',
  correlationId: 'c-1',
  provenance: { documentId: 'renstra-2024-2026-x', table: 'Tabel 6.1', row: 4 },
};

/** A stored event as the store would return it, with the next version of its stream. */
export function stored(
  type: string,
  data: Record<string, unknown>,
  options: { streamId?: string; metadata?: Partial<EventMetadata> } = {},
): StoredEvent {
  const streamId = options.streamId ?? `${type}-stream`;
  const version = (versions.get(streamId) ?? 0) + 1;
  versions.set(streamId, version);
  sequence++;
  return {
    id: randomUUID(),
    streamId,
    streamVersion: version,
    partitionKey: typeof data['organisationId'] === 'string' ? data['organisationId'] : null,
    position: { commit: 1000n, sequence: BigInt(sequence) },
    type,
    data,
    metadata: { ...TEST_METADATA, ...options.metadata },
    storedAt: '2026-01-15T08:00:01.000Z',
  };
}

/** Given events → the rows a projection makes of them (memory tables, same semantics as SQL). */
export function project(projection: Projection, events: readonly StoredEvent[]): MemoryTables {
  const tables = new MemoryTables(projection.tables);
  tables.apply(events.flatMap((e) => (projection.handles.includes(e.type) ? projection.apply(e) : [])));
  return tables;
}
