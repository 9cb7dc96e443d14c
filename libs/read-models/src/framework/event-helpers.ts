import type { EventMetadata } from '@sakip/domain';
import type { StoredEvent } from '@sakip/event-store';

/** The event's data, typed by the caller's knowledge of the event type. */
export function dataOf<T>(event: StoredEvent): T {
  return event.data as T;
}

export function metadataOf(event: StoredEvent): Partial<EventMetadata> {
  return event.metadata;
}

/** Provenance columns from an event's metadata. */
export function sourceColumns(event: StoredEvent): {
  source_table: string | null;
  source_page: string | null;
  source_row: string | null;
} {
  const provenance = metadataOf(event).provenance;
  const text = (value: string | number | undefined) => (value === undefined ? null : String(value));
  return {
    source_table: provenance?.table ?? null,
    source_page: text(provenance?.page),
    source_row: text(provenance?.row),
  };
}
