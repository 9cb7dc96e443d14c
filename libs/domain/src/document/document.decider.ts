import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { budgetStatementKey } from '../node/node.decider';
import type { RawValue } from '../values/document-value';
import type { DocumentCommand } from './document.commands';
import type { DocumentDetails, DocumentEvent } from './document.events';

export type DocumentState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'registered';
      readonly details: DocumentDetails;
      readonly contentHashes: readonly string[];
      readonly budgetStatements: Readonly<Record<string, RawValue | null>>;
    };

export const documentDecider: Decider<DocumentState, DocumentCommand, DocumentEvent> = {
  initialState: () => ({ status: 'unknown' }),

  evolve(state, event) {
    switch (event.type) {
      case 'DocumentRegistered': {
        const hashes = state.status === 'registered' ? state.contentHashes : [];
        return {
          status: 'registered',
          details: event.data,
          contentHashes: [...hashes, event.data.contentHash],
          budgetStatements: state.status === 'registered' ? state.budgetStatements : {},
        };
      }
      case 'DocumentBudgetStated':
        if (state.status !== 'registered') return state;
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
      case 'RegisterDocument': {
        const { period } = command.data;
        if (!Number.isInteger(period.start) || !Number.isInteger(period.end) || period.start > period.end) {
          throw new DomainError(
            'DOCUMENT_PERIOD_INVALID',
            {
              id: `Periode dokumen ${period.start}–${period.end} tidak valid: tahun awal harus ≤ tahun akhir.`,
              en: `Document period ${period.start}–${period.end} is invalid: the start year must be ≤ the end year.`,
            },
            'rule',
            { period },
          );
        }
        if (state.status === 'registered' && state.contentHashes.includes(command.data.contentHash))
          return [];
        return [{ type: 'DocumentRegistered', data: command.data }];
      }
      case 'StateDocumentBudget': {
        if (state.status !== 'registered')
          throw new DomainError(
            'UNKNOWN_DOCUMENT',
            {
              id: `Dokumen "${command.data.documentId}" belum terdaftar.`,
              en: `Document "${command.data.documentId}" is not registered.`,
            },
            'not-found',
            { documentId: command.data.documentId },
          );
        const key = budgetStatementKey(command.data);
        if (key in state.budgetStatements && state.budgetStatements[key] === command.data.amount) return [];
        return [{ type: 'DocumentBudgetStated', data: command.data }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
