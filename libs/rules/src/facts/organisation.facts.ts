import { defineScopeFacts } from './define';
import { COMMON_FACTS } from './common.facts';
import type { OrganisationContext } from './context';
import { lkjipDeadline, pkDeadline } from '../settings';

/** Compliance of an organisation for the evaluation year: what the store holds or lacks. */
export interface ComplianceContext {
  readonly org: OrganisationContext;
  readonly year: number;
}

const agreementsOfYear = (c: ComplianceContext) =>
  [...c.org.model.indicators.values()].flatMap((i) => {
    const a = i.agreements.get(c.year);
    return a ? [a] : [];
  });

const lkjipOfYear = (c: ComplianceContext) =>
  c.org.model.submissions
    .filter((s) => s.kind === 'lkjip' && s.year === c.year)
    .sort((a, b) => a.submittedOn.localeCompare(b.submittedOn));

export const ORGANISATION_FACTS = defineScopeFacts<ComplianceContext>('organisation', {
  ...COMMON_FACTS,
  hasPlanForYear: {
    type: 'boolean',
    description: 'a Renstra covering the evaluation year is recorded',
    compute: (c) =>
      [...c.org.model.documents.values()].some(
        (d) => d.kind === 'renstra' && d.period.start <= c.year && c.year <= d.period.end,
      ),
  },
  hasPk: {
    type: 'boolean',
    description: 'PK targets for the evaluation year are recorded',
    compute: (c) => agreementsOfYear(c).length > 0,
  },
  pkSignedOn: {
    type: 'date',
    nullable: true,
    description: "latest signing date of the year's PK targets",
    compute: (c) =>
      agreementsOfYear(c)
        .map((a) => a.signedOn)
        .filter((d): d is string => d !== null)
        .sort()
        .pop() ?? null,
  },
  pkDeadline: {
    type: 'date',
    description: "PK due date (setting: months after the DPA's approval)",
    compute: (c) => pkDeadline(c.org.deadlines, c.year),
  },
  lkjipSubmittedOn: {
    type: 'date',
    nullable: true,
    description: 'when the LKjIP of the evaluation year was submitted',
    compute: (c) => lkjipOfYear(c)[0]?.submittedOn ?? null,
  },
  lkjipSubmitted: {
    type: 'boolean',
    description: 'the LKjIP of the evaluation year was submitted',
    compute: (c) => lkjipOfYear(c).length > 0,
  },
  lkjipDeadline: {
    type: 'date',
    description: 'LKjIP due date (setting; per government)',
    compute: (c) => lkjipDeadline(c.org.deadlines, c.year),
  },
  lkjipDeadlinePassed: {
    type: 'boolean',
    description: '`now` is after the LKjIP due date',
    compute: (c) => c.org.batch.now > lkjipDeadline(c.org.deadlines, c.year),
  },
});
