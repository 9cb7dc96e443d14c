import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { DocumentKind } from '../shared/streams';
import type { OrganisationCommand } from './organisation.commands';
import type { OrganisationDetails, OrganisationEvent } from './organisation.events';

export interface Submission {
  readonly kind: DocumentKind;
  readonly year: number;
  readonly submittedOn: string;
  readonly documentId?: string;
}

export type OrganisationState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'registered';
      readonly details: OrganisationDetails;
      readonly submissions: readonly Submission[];
    };

/** A document that leaves out the government or province does not erase what an earlier one said. */
const merged = (current: OrganisationDetails, given: OrganisationDetails): OrganisationDetails => ({
  organisationId: current.organisationId,
  name: given.name,
  ...((given.government ?? current.government) ? { government: given.government ?? current.government } : {}),
  ...((given.province ?? current.province) ? { province: given.province ?? current.province } : {}),
});

const sameDetails = (a: OrganisationDetails, b: OrganisationDetails) =>
  a.name === b.name && a.government === b.government && a.province === b.province;

export const organisationDecider: Decider<OrganisationState, OrganisationCommand, OrganisationEvent> = {
  initialState: () => ({ status: 'unknown' }),

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { status: 'registered', details: event.data, submissions: [] };
      case 'OrganisationDetailsChanged': {
        const { previous: _previous, ...details } = event.data;
        return state.status === 'registered'
          ? { ...state, details }
          : { status: 'registered', details, submissions: [] };
      }
      case 'DocumentSubmitted': {
        if (state.status !== 'registered') return state;
        const { organisationId: _org, ...submission } = event.data;
        return { ...state, submissions: [...state.submissions, submission] };
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrganisation': {
        if (state.status === 'unknown') return [{ type: 'OrganisationRegistered', data: command.data }];
        const next = merged(state.details, command.data);
        if (sameDetails(state.details, next)) return [];
        return [{ type: 'OrganisationDetailsChanged', data: { ...next, previous: state.details } }];
      }
      case 'RecordSubmission': {
        if (state.status !== 'registered') throw unknownOrganisation(command.data.organisationId);
        const { kind, year, submittedOn } = command.data;
        const known = state.submissions.some(
          (s) => s.kind === kind && s.year === year && s.submittedOn === submittedOn,
        );
        return known ? [] : [{ type: 'DocumentSubmitted', data: command.data }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};

export function unknownOrganisation(organisationId: string): DomainError {
  return new DomainError(
    'UNKNOWN_ORGANISATION',
    {
      id: `Perangkat daerah "${organisationId}" belum terdaftar.`,
      en: `Organisation "${organisationId}" is not registered.`,
    },
    'not-found',
    { organisationId },
  );
}
