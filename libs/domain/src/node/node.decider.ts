import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { alreadyDefined, mergeDefined } from '../shared/merge';
import { sameRawMeaning, type RawValue } from '../values/document-value';
import type { NodeCommand } from './node.commands';
import { sourceKey } from '../shared/streams';
import type { BudgetStatement, NodeDefinition, NodeEvent } from './node.events';

export type NodeState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'defined';
      readonly definition: NodeDefinition;
      /** The definition each document gave, by document id. */
      readonly byDocument: Readonly<Record<string, NodeDefinition>>;
      readonly budgets: Readonly<Record<number, RawValue>>;
      /** Budget statements by `budgetStatementKey`. */
      readonly budgetStatements: Readonly<Record<string, RawValue | null>>;
    };

const DEFINITION_FIELDS = ['level', 'name', 'code', 'parent', 'alignsTo', 'role'] as const;

/** One cell of a document: the same key stated again with the same amount is a re-import. */
export function budgetStatementKey(statement: BudgetStatement): string {
  const when = statement.total ? 'total' : String(statement.year ?? '');
  return [statement.documentId, statement.kind, when, sourceKey(statement.source)].join('#');
}

export const nodeDecider: Decider<NodeState, NodeCommand, NodeEvent> = {
  initialState: () => ({ status: 'unknown' }),

  evolve(state, event) {
    switch (event.type) {
      case 'NodeDefined': {
        const { documentId, ...definition } = event.data;
        const byDocument = state.status === 'defined' ? state.byDocument : {};
        const budgets = state.status === 'defined' ? state.budgets : {};
        const budgetStatements = state.status === 'defined' ? state.budgetStatements : {};
        const current = state.status === 'defined' ? mergeDefined(state.definition, definition) : definition;
        return {
          status: 'defined',
          definition: current,
          byDocument: { ...byDocument, [documentId]: definition },
          budgets,
          budgetStatements,
        };
      }
      case 'BudgetAllocated':
        if (state.status !== 'defined') return state;
        return { ...state, budgets: { ...state.budgets, [event.data.year]: event.data.amount } };
      case 'BudgetStated':
        if (state.status !== 'defined') return state;
        return {
          ...state,
          budgetStatements: {
            ...state.budgetStatements,
            [budgetStatementKey(event.data)]: event.data.amount,
          },
        };
      default: {
        const never: never = event;
        return never;
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'DefineNode': {
        const { documentId, ...definition } = command.data;
        if (definition.parent !== undefined && definition.parent === definition.nodeId) {
          throw new DomainError(
            'NODE_CANNOT_BE_ITS_OWN_PARENT',
            {
              id: `Node "${definition.nodeId}" tidak boleh menjadi induk dirinya sendiri.`,
              en: `Node "${definition.nodeId}" cannot be its own parent.`,
            },
            'rule',
            { nodeId: definition.nodeId },
          );
        }
        if (state.status === 'defined' && alreadyDefined(state, documentId, definition, DEFINITION_FIELDS))
          return [];
        return [{ type: 'NodeDefined', data: command.data }];
      }
      case 'AllocateBudget': {
        if (state.status !== 'defined') throw unknownNode(command.data.organisationId, command.data.nodeId);
        const current = state.budgets[command.data.year];
        if (current !== undefined && sameRawMeaning(current, command.data.amount)) return [];
        return [
          {
            type: 'BudgetAllocated',
            data: current === undefined ? command.data : { ...command.data, previousAmount: current },
          },
        ];
      }
      case 'StateBudget': {
        if (state.status !== 'defined') throw unknownNode(command.data.organisationId, command.data.nodeId);
        const key = budgetStatementKey(command.data);
        if (key in state.budgetStatements && state.budgetStatements[key] === command.data.amount) return [];
        return [{ type: 'BudgetStated', data: command.data }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};

export function unknownNode(organisationId: string, nodeId: string): DomainError {
  return new DomainError(
    'UNKNOWN_NODE',
    {
      id: `Node "${nodeId}" belum didefinisikan untuk ${organisationId}.`,
      en: `Node "${nodeId}" is not defined for ${organisationId}.`,
    },
    'not-found',
    { organisationId, nodeId },
  );
}
