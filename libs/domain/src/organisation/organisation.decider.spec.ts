import { deciderSpec } from '../testing/decider-spec';
import { organisationDecider } from './organisation.decider';
import type { OrganisationEvent } from './organisation.events';

const spec = deciderSpec(organisationDecider);
const details = {
  organisationId: 'dinsos-tegal',
  name: 'Dinas Sosial Kabupaten Tegal',
  government: 'Kabupaten Tegal',
  province: 'Jawa Tengah',
};
const registered: OrganisationEvent = { type: 'OrganisationRegistered', data: details };
const submission = {
  organisationId: 'dinsos-tegal',
  kind: 'lkjip' as const,
  year: 2018,
  submittedOn: '2019-01-20',
};

describe('organisation decider', () => {
  it('registers an organisation once', () => {
    spec.given([]).when({ type: 'RegisterOrganisation', data: details }).then([registered]);
    spec.given([registered]).when({ type: 'RegisterOrganisation', data: details }).thenNothingHappens();
  });
  it('records changed details with the previous ones', () => {
    const renamed = { ...details, name: 'Dinas Sosial P3A Kabupaten Tegal' };
    spec
      .given([registered])
      .when({ type: 'RegisterOrganisation', data: renamed })
      .then([{ type: 'OrganisationDetailsChanged', data: { ...renamed, previous: details } }]);
  });
  it('keeps the government and province when a later document leaves them out', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterOrganisation', data: { organisationId: 'dinsos-tegal', name: details.name } })
      .thenNothingHappens();
  });
  it('records a submission once, and a resubmission on another date', () => {
    spec
      .given([registered])
      .when({ type: 'RecordSubmission', data: submission })
      .then([{ type: 'DocumentSubmitted', data: submission }]);
    spec
      .given([registered, { type: 'DocumentSubmitted', data: submission }])
      .when({ type: 'RecordSubmission', data: submission })
      .thenNothingHappens();
    const again = { ...submission, submittedOn: '2019-02-03' };
    spec
      .given([registered, { type: 'DocumentSubmitted', data: submission }])
      .when({ type: 'RecordSubmission', data: again })
      .then([{ type: 'DocumentSubmitted', data: again }]);
  });
  it('refuses a submission of an unknown organisation', () => {
    spec.given([]).when({ type: 'RecordSubmission', data: submission }).thenFails('UNKNOWN_ORGANISATION');
  });
});
