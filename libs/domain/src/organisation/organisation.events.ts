import type { DomainEvent } from '../shared/decider';
import type { DocumentKind } from '../shared/streams';

export interface OrganisationDetails {
  readonly organisationId: string;
  readonly name: string;
  readonly government?: string;
  readonly province?: string;
}

/** Type names are stored forever: never rename one; add a new type instead. */
export type OrganisationEvent =
  | DomainEvent<'OrganisationRegistered', OrganisationDetails>
  | DomainEvent<
      'OrganisationDetailsChanged',
      OrganisationDetails & { readonly previous: OrganisationDetails }
    >
  | DomainEvent<
      'DocumentSubmitted',
      {
        readonly organisationId: string;
        readonly kind: DocumentKind;
        readonly year: number;
        readonly submittedOn: string;
        readonly documentId?: string;
      }
    >;

export const ORGANISATION_EVENT_TYPES = [
  'OrganisationRegistered',
  'OrganisationDetailsChanged',
  'DocumentSubmitted',
] as const satisfies readonly OrganisationEvent['type'][];
