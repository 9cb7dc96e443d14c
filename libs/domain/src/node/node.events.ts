import type { DomainEvent } from '../shared/decider';
import type { NodeLevel } from '../shared/streams';
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
    >;

export const NODE_EVENT_TYPES = [
  'NodeDefined',
  'BudgetAllocated',
] as const satisfies readonly NodeEvent['type'][];
