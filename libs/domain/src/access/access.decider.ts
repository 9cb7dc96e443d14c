import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { AccessCommand } from './access.commands';
import { ROLES, type AccessEvent, type ApiKeyIssuedData } from './access.events';

export interface ApiKey extends ApiKeyIssuedData {
  readonly revoked: boolean;
}

export interface AccessState {
  readonly keys: Readonly<Record<string, ApiKey>>;
}

export const accessDecider: Decider<AccessState, AccessCommand, AccessEvent> = {
  initialState: () => ({ keys: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyIssued':
        return { keys: { ...state.keys, [event.data.keyId]: { ...event.data, revoked: false } } };
      case 'ApiKeyRevoked': {
        const key = state.keys[event.data.keyId];
        return key ? { keys: { ...state.keys, [event.data.keyId]: { ...key, revoked: true } } } : state;
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'IssueApiKey': {
        const { role, organisations, keyId } = command.data;
        if (!(ROLES as readonly string[]).includes(role)) {
          throw new DomainError('ROLE_UNKNOWN', {
            id: `Peran "${role}" tidak dikenal; pilih ${ROLES.join(', ')}.`,
            en: `Role "${role}" is unknown; use ${ROLES.join(', ')}.`,
          });
        }
        if (role === 'planner' && organisations.length === 0) {
          throw new DomainError('PLANNER_NEEDS_ORGANISATION', {
            id: 'Kunci perencana harus dibatasi pada minimal satu perangkat daerah.',
            en: 'A planner key must be scoped to at least one organisation.',
          });
        }
        if (role !== 'planner' && organisations.length > 0) {
          throw new DomainError('ONLY_PLANNERS_ARE_SCOPED', {
            id: 'Hanya kunci perencana yang dibatasi per perangkat daerah.',
            en: 'Only planner keys are scoped to organisations.',
          });
        }
        if (state.keys[keyId]) {
          throw new DomainError(
            'API_KEY_EXISTS',
            { id: `Kunci ${keyId} sudah ada.`, en: `Key ${keyId} already exists.` },
            'conflict',
          );
        }
        return [{ type: 'ApiKeyIssued', data: command.data }];
      }
      case 'RevokeApiKey': {
        const key = state.keys[command.data.keyId];
        if (!key) {
          throw new DomainError(
            'API_KEY_UNKNOWN',
            { id: `Kunci ${command.data.keyId} tidak dikenal.`, en: `Key ${command.data.keyId} is unknown.` },
            'not-found',
          );
        }
        return key.revoked ? [] : [{ type: 'ApiKeyRevoked', data: command.data }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
