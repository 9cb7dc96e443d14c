import type { DomainEvent } from '../shared/decider';
import type { BudgetKind, ItemRole, NodeLevel, StatementSource } from '../shared/streams';
import type { RawValue } from '../values/document-value';

/** A node of the performance tree (tujuan → sasaran → program → kegiatan → sub-kegiatan) as a document defines it. */
export interface NodeDefinition {
  readonly organisationId: string;
  readonly nodeId: string;
  readonly level: NodeLevel;
  readonly name: string;
  readonly code?: string;
  readonly parent?: string;
  readonly alignsTo?: string;
  /** Absent: `plan`. */
  readonly role?: ItemRole;
}

/**
 * A money figure a document states besides a node's primary yearly pagu: a realisation, an end-of-period
 * total, a repeat in another table, or (without `nodeId`) the document's own total row.
 */
export interface BudgetStatement {
  readonly organisationId: string;
  readonly nodeId?: string;
  readonly documentId: string;
  readonly kind: BudgetKind;
  /** Absent for an end-of-period column (`total`). */
  readonly year?: number;
  readonly total?: boolean;
  /** As printed; null when the document has no such cell. */
  readonly amount: RawValue | null;
  readonly source?: StatementSource;
}

/** Type names are stored forever: never rename one; add a new type instead. */
export type NodeEvent =
  /** Document `documentId` defines the node; a later document that defines it differently emits it again. */
  | DomainEvent<'NodeDefined', NodeDefinition & { readonly documentId: string }>
  | DomainEvent<
      'BudgetAllocated',
      {
        readonly organisationId: string;
        readonly nodeId: string;
        readonly year: number;
        /** Pagu in rupiah, as printed ("4.550.000.000"). */
        readonly amount: RawValue;
        readonly previousAmount?: RawValue;
        readonly documentId?: string;
      }
    >
  /** bundle format 2: every other budget statement of a document (kept, never a revision). */
  | DomainEvent<'BudgetStated', BudgetStatement & { readonly nodeId: string }>;

export const NODE_EVENT_TYPES = [
  'NodeDefined',
  'BudgetAllocated',
  'BudgetStated',
] as const satisfies readonly NodeEvent['type'][];
