import { defineScopeFacts, type FinishInput } from './define';
import { COMMON_FACTS } from './common.facts';
import type { OrganisationContext } from './context';
import { lkjipDeadline, pkDeadline } from '../settings';

/**
 * Compliance of an organisation: what the store holds or lacks. Every fact but the common ones depends on
 * the evaluation year, so the prepared parts keep what is on record for every year.
 */
export interface ComplianceContext {
  readonly org: OrganisationContext;
}

/** Plan documents' periods: [start, end] of every Renstra. */
const renstraPeriods = (c: ComplianceContext): [number, number][] =>
  [...c.org.model.documents.values()]
    .filter((d) => d.kind === 'renstra')
    .map((d) => [d.period.start, d.period.end]);

/** PK targets per year: how many, and their signing dates. */
const agreementsByYear = (c: ComplianceContext): Record<string, { count: number; signed: string[] }> => {
  const byYear: Record<string, { count: number; signed: string[] }> = {};
  for (const indicator of c.org.model.indicators.values())
    for (const [year, a] of indicator.agreements) {
      const entry = (byYear[year] ??= { count: 0, signed: [] });
      entry.count++;
      if (a.signedOn !== null) entry.signed.push(a.signedOn);
    }
  return byYear;
};

/** LKjIP submissions: [year, submittedOn]. */
const lkjipSubmissions = (c: ComplianceContext): [number, string][] =>
  c.org.model.submissions.filter((s) => s.kind === 'lkjip').map((s) => [s.year, s.submittedOn]);

const agreementsOfYear = ({ prepared, batch }: FinishInput) =>
  (prepared as ReturnType<typeof agreementsByYear>)[batch.evaluationYear] ?? { count: 0, signed: [] };

const lkjipOfYear = ({ prepared, batch }: FinishInput) =>
  (prepared as [number, string][])
    .filter(([year]) => year === batch.evaluationYear)
    .map(([, submittedOn]) => submittedOn)
    .sort((a, b) => a.localeCompare(b));

export const ORGANISATION_FACTS = defineScopeFacts<ComplianceContext>('organisation', {
  ...COMMON_FACTS,
  hasPlanForYear: {
    type: 'boolean',
    description: 'a Renstra covering the evaluation year is recorded',
    prepare: renstraPeriods,
    finish: ({ prepared, batch }) =>
      (prepared as [number, number][]).some(
        ([start, end]) => start <= batch.evaluationYear && batch.evaluationYear <= end,
      ),
  },
  hasPk: {
    type: 'boolean',
    description: 'PK targets for the evaluation year are recorded',
    prepare: agreementsByYear,
    finish: (input) => agreementsOfYear(input).count > 0,
  },
  pkSignedOn: {
    type: 'date',
    nullable: true,
    description: "latest signing date of the year's PK targets",
    prepare: agreementsByYear,
    finish: (input) => [...agreementsOfYear(input).signed].sort().pop() ?? null,
  },
  pkDeadline: {
    type: 'date',
    description: "PK due date (setting: months after the DPA's approval)",
    finish: ({ deadlines, batch }) => pkDeadline(deadlines, batch.evaluationYear),
  },
  lkjipSubmittedOn: {
    type: 'date',
    nullable: true,
    description: 'when the LKjIP of the evaluation year was submitted',
    prepare: lkjipSubmissions,
    finish: (input) => lkjipOfYear(input)[0] ?? null,
  },
  lkjipSubmitted: {
    type: 'boolean',
    description: 'the LKjIP of the evaluation year was submitted',
    prepare: lkjipSubmissions,
    finish: (input) => lkjipOfYear(input).length > 0,
  },
  lkjipDeadline: {
    type: 'date',
    description: 'LKjIP due date (setting; per government)',
    finish: ({ deadlines, batch }) => lkjipDeadline(deadlines, batch.evaluationYear),
  },
  lkjipDeadlinePassed: {
    type: 'boolean',
    description: '`now` is after the LKjIP due date',
    finish: ({ deadlines, batch }) => batch.now > lkjipDeadline(deadlines, batch.evaluationYear),
  },
});
