import type { Command } from '../shared/decider';
import type { RawValue } from '../values/document-value';
import type { BudgetStatement, NodeDefinition } from './node.events';

export type NodeCommand =
  | Command<'DefineNode', NodeDefinition & { readonly documentId: string }>
  | Command<
      'AllocateBudget',
      {
        readonly organisationId: string;
        readonly nodeId: string;
        readonly year: number;
        readonly amount: RawValue;
        readonly documentId?: string;
      }
    >
  | Command<'StateBudget', BudgetStatement & { readonly nodeId: string }>;
