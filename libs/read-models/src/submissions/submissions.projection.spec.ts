import { project, stored } from '../testing/events';
import { submissionsProjection } from './submissions.projection';

describe('submissions projection', () => {
  it('lists each submission once, however often it is applied', () => {
    const submitted = stored('DocumentSubmitted', {
      organisationId: 'dinsos-tegal',
      kind: 'lkjip',
      year: 2018,
      submittedOn: '2019-01-20',
    });
    const rows = project(submissionsProjection, [submitted, submitted]).table('submissions');
    expect(rows).toEqual([
      expect.objectContaining({
        organisation_id: 'dinsos-tegal',
        kind: 'lkjip',
        year: 2018,
        submitted_on: '2019-01-20',
        document_id: null,
      }),
    ]);
  });
});
