import type { DomainEvent } from '../shared/decider';
import type { DocumentKind } from '../shared/streams';

export interface DocumentDetails {
  readonly organisationId: string;
  readonly documentId: string;
  readonly kind: DocumentKind;
  readonly title: string;
  readonly legalBasis?: string;
  readonly issuedOn?: string;
  readonly period: { readonly start: number; readonly end: number };
  /** sha-256 of the bundle as imported: the same content imported twice is recognised. */
  readonly contentHash: string;
}

/** Type names are stored forever: never rename one; add a new type instead. */
export type DocumentEvent = DomainEvent<'DocumentRegistered', DocumentDetails>;

export const DOCUMENT_EVENT_TYPES = [
  'DocumentRegistered',
] as const satisfies readonly DocumentEvent['type'][];
