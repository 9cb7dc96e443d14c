import type { FactDefinitions } from './define';
import type { OrganisationContext } from './context';
import type { IndicatorModel } from './model';

/** Facts every scope has: the batch's year and date, and the organisation. */
export const COMMON_FACTS: FactDefinitions<{ readonly org: OrganisationContext }> = {
  evaluationYear: {
    type: 'number',
    description: 'the year being evaluated (given by the batch)',
    finish: ({ batch }) => batch.evaluationYear,
  },
  now: {
    type: 'date',
    description: 'the date the batch evaluates as of (given by the batch; rules never read the clock)',
    finish: ({ batch }) => batch.now,
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

/** Facts naming the indicator, for the indicator and indicator-period scopes. */
export const INDICATOR_IDENTITY_FACTS: FactDefinitions<{ readonly indicator: IndicatorModel }> = {
  indicatorId: {
    type: 'string',
    description: 'indicator id',
    compute: (c) => c.indicator.definition.indicatorId,
  },
  indicatorName: {
    type: 'string',
    description: 'indicator name',
    compute: (c) => c.indicator.definition.name,
  },
};
