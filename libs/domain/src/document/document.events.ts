import type { DomainEvent } from '../shared/decider';
import type { BudgetStatement } from '../node/node.events';
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
export type DocumentEvent =
  | DomainEvent<'DocumentRegistered', DocumentDetails>
  /** bundle format 2: a budget row of the document as a whole (no node), e.g. its total. */
  | DomainEvent<'DocumentBudgetStated', BudgetStatement>;

export const DOCUMENT_EVENT_TYPES = [
  'DocumentRegistered',
  'DocumentBudgetStated',
] as const satisfies readonly DocumentEvent['type'][];
