import type { FactDefinitions } from './define';
import type { OrganisationContext } from './context';

/** Facts every scope has: the batch's year and date, and the organisation. */
export const COMMON_FACTS: FactDefinitions<{ readonly org: OrganisationContext }> = {
  evaluationYear: {
    type: 'number',
    description: 'the year being evaluated (given by the batch)',
    compute: (c) => c.org.batch.evaluationYear,
  },
  now: {
    type: 'date',
    description: 'the date the batch evaluates as of (given by the batch; rules never read the clock)',
    compute: (c) => c.org.batch.now,
  },
  organisationId: {
    type: 'string',
    description: 'organisation (OPD) id',
    compute: (c) => c.org.model.organisationId,
  },
  organisationName: {
    type: 'string',
    nullable: true,
    description: 'organisation name',
    compute: (c) => c.org.model.details?.name ?? null,
  },
  government: {
    type: 'string',
    nullable: true,
    description: 'the regional government the OPD belongs to',
    compute: (c) => c.org.model.details?.government ?? null,
  },
};
