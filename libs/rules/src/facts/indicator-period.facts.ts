import {
  computeAchievement,
  numericValue,
  parsePeriod,
  periodEndDate,
  type DocumentValue,
  type Period,
  type Polarity,
} from '@sakip/domain';
import { addWorkingDays } from '../settings';
import { defineScopeFacts, type FinishInput } from './define';
import { COMMON_FACTS, INDICATOR_IDENTITY_FACTS } from './common.facts';
import { value, type OrganisationContext } from './context';
import type { IndicatorModel, RealisationRecord } from './model';

/** One period of an indicator that has a target or a realisation. */
export interface PeriodContext {
  readonly org: OrganisationContext;
  readonly indicator: IndicatorModel;
  readonly period: string;
  readonly parsed: Period;
  readonly polarity: Polarity;
  readonly target: DocumentValue | null;
  readonly realisation: RealisationRecord | undefined;
  readonly reported: number | undefined;
}

export function periodContext(
  org: OrganisationContext,
  indicator: IndicatorModel,
  period: string,
  parsed: Period,
): PeriodContext {
  const polarity: Polarity = indicator.definition.polarity ?? 'higher-is-better';
  const realisation = indicator.realisations.get(period);
  // The target the report prints in the same row, else the plan's target of the year.
  const planTarget = indicator.targets.get(parsed.year);
  const target =
    realisation?.rowTarget != null
      ? value(realisation.rowTarget)
      : planTarget
        ? value(planTarget.value)
        : null;
  const reported =
    realisation?.reportedAchievement != null
      ? numericValue(value(realisation.reportedAchievement))
      : undefined;
  return { org, indicator, period, parsed, polarity, target, realisation, reported };
}

/**
 * Achievement computed from the row's target and realisation by the indicator's polarity, under the
 * batch's lower-is-better convention (from the prepared target, realisation and polarity).
 */
function computedAchievement({ facts, batch }: FinishInput): number | undefined {
  const target = facts['target'] as DocumentValue | null;
  const realisation = facts['realisation'] as DocumentValue | null;
  if (!target || !realisation) return undefined;
  const a = computeAchievement(target, realisation, facts['polarity'] as Polarity, {
    lowerIsBetter: batch.settings.lowerIsBetter,
  });
  return a.kind === 'computed' ? a.percent : undefined;
}

export const INDICATOR_PERIOD_FACTS = defineScopeFacts<PeriodContext>('indicator-period', {
  ...COMMON_FACTS,
  ...INDICATOR_IDENTITY_FACTS,
  isPlanItem: {
    type: 'boolean',
    description: 'a plan indicator (not history or reference)',
    compute: (c) => (c.indicator.definition.role ?? 'plan') === 'plan',
  },
  period: {
    type: 'string',
    description: 'the period: "2025", "2025-Q1", "2025-S1", "2025-03"',
    compute: (c) => c.period,
  },
  periodKind: {
    type: 'string',
    description: 'year, quarter, semester or month',
    compute: (c) => c.parsed.kind,
  },
  year: { type: 'number', description: 'the year of the period', compute: (c) => c.parsed.year },
  periodEnd: { type: 'date', description: 'last day of the period', compute: (c) => periodEndDate(c.parsed) },
  periodEnded: {
    type: 'boolean',
    description: 'the period ended before `now`',
    finish: ({ facts, batch }) => (facts['periodEnd'] as string) < batch.now,
  },
  polarity: {
    type: 'string',
    description: 'higher-is-better, lower-is-better or range',
    compute: (c) => c.polarity,
  },
  target: {
    type: 'value',
    nullable: true,
    description:
      "target of the period: the one printed in the report's row, else the plan's (a quarter: the year's), interpreted",
    compute: (c) => c.target,
  },
  hasTarget: {
    type: 'boolean',
    description: 'a non-empty target exists',
    compute: (c) => c.target !== null && c.target.kind !== 'empty',
  },
  realisation: {
    type: 'value',
    nullable: true,
    description: 'realisation, interpreted',
    compute: (c) => (c.realisation ? value(c.realisation.value) : null),
  },
  hasRealisation: {
    type: 'boolean',
    description: 'a non-empty realisation is reported',
    compute: (c) => c.realisation !== undefined && value(c.realisation.value).kind !== 'empty',
  },
  reportedAchievement: {
    type: 'number',
    nullable: true,
    description: 'achievement (capaian) the report states, in %',
    compute: (c) => c.reported ?? null,
  },
  computedAchievement: {
    type: 'number',
    nullable: true,
    description:
      "achievement computed from the row's target and realisation by the indicator's polarity, in %",
    finish: (input) => computedAchievement(input) ?? null,
  },
  achievementPair: {
    type: 'pair',
    nullable: true,
    description: '[reported, computed] achievement when both are numbers',
    finish: (input) => {
      const reported = input.facts['reportedAchievement'] as number | null;
      const computed = computedAchievement(input);
      return reported !== null && computed !== undefined ? [reported, computed] : null;
    },
  },
  achievementTolerance: {
    type: 'number',
    description:
      'allowed difference between reported and computed achievement, in percentage points (setting; inclusive)',
    finish: ({ batch }) => batch.settings.achievementTolerance,
  },
  reportedOn: {
    type: 'date',
    nullable: true,
    description: 'date the realisation was reported',
    compute: (c) => c.realisation?.reportedOn ?? null,
  },
  reportDeadline: {
    type: 'date',
    nullable: true,
    description: 'for quarters: the reporting deadline (setting: working days after the quarter)',
    finish: ({ facts, deadlines }) =>
      facts['periodKind'] === 'quarter'
        ? addWorkingDays(facts['periodEnd'] as string, deadlines.quarterlyReportWorkingDays)
        : null,
  },
});

/** Every period of an indicator with a target or a realisation (a batch keeps those up to its year). */
export function periodsOf(indicator: IndicatorModel): { period: string; parsed: Period }[] {
  const periods = new Set<string>([...indicator.targets.keys()].map(String));
  for (const period of indicator.realisations.keys()) periods.add(period);
  return [...periods].sort().flatMap((period) => {
    const parsed = parsePeriod(period);
    return parsed ? [{ period, parsed }] : [];
  });
}
