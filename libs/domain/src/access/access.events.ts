import type { DomainEvent } from '../shared/decider';

export const ROLES = ['admin', 'inspector', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyIssuedData {
  readonly keyId: string;
  /** sha-256 of the secret, hex. The secret itself is shown once and never stored. */
  readonly secretHash: string;
  readonly role: Role;
  /** Organisations a planner may write for; empty for other roles. */
  readonly organisations: readonly string[];
  readonly label: string;
}

/** Type names are stored forever: never rename one; add a new type instead. */
export type AccessEvent =
  | DomainEvent<'ApiKeyIssued', ApiKeyIssuedData>
  | DomainEvent<'ApiKeyRevoked', { readonly keyId: string; readonly reason?: string }>;

export const ACCESS_EVENT_TYPES = [
  'ApiKeyIssued',
  'ApiKeyRevoked',
] as const satisfies readonly AccessEvent['type'][];

/** All keys live in one stream: there are few, and the guard reads them together. */
export const ACCESS_STREAM = 'access-api-keys';
