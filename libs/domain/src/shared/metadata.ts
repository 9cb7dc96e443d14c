/** Who did something: an API key's principal, a CLI user, or the system itself. */
export interface Actor {
  readonly id: string;
  readonly kind: 'api-key' | 'cli' | 'system';
  readonly role?: string;
  readonly name?: string;
}

/** Where a fact came from in a document. */
export interface Provenance {
  readonly documentId: string;
  readonly table?: string;
  readonly page?: number | string;
  readonly row?: number | string;
}

/** Carried by every command: time, identity and correlation arrive here, never from a clock in the domain. */
export interface CommandMetadata {
  readonly now: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly provenance?: Provenance;
}

/** Stored with every event. */
export interface EventMetadata {
  readonly actor: Actor;
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly provenance?: Provenance;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

export function eventMetadataFor(
  command: CommandMetadata,
  extra: Partial<EventMetadata> = {},
): EventMetadata {
  return {
    actor: command.actor,
    recordedAt: command.now,
    correlationId: command.correlationId,
    ...(command.provenance ? { provenance: command.provenance } : {}),
    ...extra,
  };
}
