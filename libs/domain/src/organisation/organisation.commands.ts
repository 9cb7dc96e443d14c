import type { Command } from '../shared/decider';
import type { DocumentKind } from '../shared/streams';
import type { OrganisationDetails } from './organisation.events';

export type OrganisationCommand =
  | Command<'RegisterOrganisation', OrganisationDetails>
  | Command<
      'RecordSubmission',
      {
        readonly organisationId: string;
        readonly kind: DocumentKind;
        readonly year: number;
        readonly submittedOn: string;
        readonly documentId?: string;
      }
    >;
