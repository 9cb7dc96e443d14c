import type { Scope } from '../rule';

export type FactType =
  'string' | 'number' | 'boolean' | 'date' | 'string[]' | 'number[]' | 'value' | 'pair' | 'object';

export interface FactInfo {
  readonly type: FactType;
  /** Whether the fact may be null (not known for this subject). */
  readonly nullable?: boolean;
  readonly description: string;
}

const common = {
  evaluationYear: { type: 'number', description: 'the year being evaluated (given by the batch)' },
  now: {
    type: 'date',
    description: 'the date the batch evaluates as of (given by the batch; rules never read the clock)',
  },
  organisationId: { type: 'string', description: 'organisation (OPD) id' },
  organisationName: { type: 'string', nullable: true, description: 'organisation name' },
  government: { type: 'string', nullable: true, description: 'the regional government the OPD belongs to' },
} as const satisfies Record<string, FactInfo>;

/** Every fact a rule may use, per scope, with its type and meaning. Rules naming other facts are invalid. */
export const FACT_CATALOGUE: Readonly<Record<Scope, Readonly<Record<string, FactInfo>>>> = {
  indicator: {
    ...common,
    indicatorId: { type: 'string', description: 'indicator id' },
    indicatorName: { type: 'string', description: 'indicator name' },
    nodeLevel: {
      type: 'string',
      nullable: true,
      description:
        'level of the node the indicator measures: tujuan, sasaran, program, kegiatan, subkegiatan',
    },
    nodeCode: { type: 'string', nullable: true, description: 'code of that node' },
    unit: { type: 'string', nullable: true, description: 'unit (satuan) as written' },
    hasUnit: { type: 'boolean', description: 'a unit is given' },
    unitIsPercent: { type: 'boolean', description: 'the unit is a percentage (%, persen)' },
    unitIsNumeric: {
      type: 'boolean',
      description: 'the unit expects a number (not a grade such as "predikat")',
    },
    formula: { type: 'string', nullable: true, description: 'formula or definition as written' },
    hasFormula: { type: 'boolean', description: 'a formula or definition is given' },
    formulaNamesDenominator: {
      type: 'boolean',
      description: 'the formula divides by something ("/", ":", "dibagi", "per", "x 100", "perbandingan")',
    },
    iku: { type: 'boolean', description: 'a key performance indicator (IKU)' },
    hasBaseline: { type: 'boolean', description: 'a baseline (kondisi awal) is recorded' },
    planYears: { type: 'number[]', description: 'the years of the plan period(s) the indicator is in' },
    planYearsWithoutTarget: {
      type: 'number[]',
      description: 'plan years with no target, or an empty one ("", "-")',
    },
    planYearsWithoutTargetCount: { type: 'number', description: 'how many such years' },
    zeroTargetBudgetedYears: {
      type: 'number[]',
      description: 'plan years whose target is 0 while the node has a budget above 0',
    },
    zeroTargetBudgetedYearsCount: { type: 'number', description: 'how many such years' },
    allPlanTargetsZero: { type: 'boolean', description: 'every plan year has a target and every one is 0' },
    nonNumericTargetYears: {
      type: 'number[]',
      description: 'plan years whose target is a grade or text while the unit expects a number',
    },
    nonNumericTargetYearsCount: { type: 'number', description: 'how many such years' },
    unparseableTargetYears: {
      type: 'number[]',
      description: 'years whose target cannot be read as a number or grade (e.g. "13,11,00")',
    },
    unparseableTargetYearsCount: { type: 'number', description: 'how many such years' },
    maxTargetJumpRatio: {
      type: 'number',
      nullable: true,
      description: 'largest ratio (bigger/smaller) between the targets of consecutive years, both above 0',
    },
    largestTargetJump: {
      type: 'object',
      nullable: true,
      description: 'the two years and targets of that jump',
    },
    finalTarget: {
      type: 'value',
      nullable: true,
      description: 'the final (end-of-plan) target as written, interpreted',
    },
    aggregation: {
      type: 'string',
      nullable: true,
      description:
        'how yearly targets make the final one, when the document says (last, sum, max, min, average)',
    },
    finalTargetMatchesAggregation: {
      type: 'boolean',
      nullable: true,
      description:
        'the final target equals the yearly targets under the stated aggregation (else under any of last/sum/max); null when not numeric',
    },
    revisionsWithoutLegalBasisYears: {
      type: 'number[]',
      description: 'years whose target was revised without a legal basis',
    },
    revisionsWithoutLegalBasisCount: { type: 'number', description: 'how many such revisions' },
    revisionsAfterPeriodEndYears: {
      type: 'number[]',
      description: 'years whose target was revised with effect after the year had ended',
    },
    revisionsAfterPeriodEndCount: { type: 'number', description: 'how many such revisions' },
    pkDiffersWithoutRevisionYears: {
      type: 'number[]',
      description: 'years whose PK target differs from the plan target with no revision recorded',
    },
    pkDiffersWithoutRevisionCount: { type: 'number', description: 'how many such years' },
    conflictingRealisationPeriods: {
      type: 'string[]',
      description: 'periods reported with different values in different documents',
    },
    conflictingRealisationCount: { type: 'number', description: 'how many such periods' },
  },
  'indicator-period': {
    ...common,
    indicatorId: { type: 'string', description: 'indicator id' },
    indicatorName: { type: 'string', description: 'indicator name' },
    period: { type: 'string', description: 'the period: "2025", "2025-Q1", "2025-S1", "2025-03"' },
    periodKind: { type: 'string', description: 'year, quarter, semester or month' },
    year: { type: 'number', description: 'the year of the period' },
    periodEnd: { type: 'date', description: 'last day of the period' },
    periodEnded: { type: 'boolean', description: 'the period ended before `now`' },
    polarity: { type: 'string', description: 'higher-is-better, lower-is-better or range' },
    target: {
      type: 'value',
      nullable: true,
      description: "target of the period (a quarter without its own: the year's), interpreted",
    },
    hasTarget: { type: 'boolean', description: 'a non-empty target exists' },
    realisation: { type: 'value', nullable: true, description: 'realisation, interpreted' },
    hasRealisation: { type: 'boolean', description: 'a non-empty realisation is reported' },
    reportedAchievement: {
      type: 'number',
      nullable: true,
      description: 'achievement (capaian) the report states, in %',
    },
    computedAchievement: {
      type: 'number',
      nullable: true,
      description: "achievement computed from target and realisation by the indicator's polarity, in %",
    },
    achievementPair: {
      type: 'pair',
      nullable: true,
      description: '[reported, computed] achievement when both are numbers',
    },
    achievementTolerance: {
      type: 'number',
      description:
        'allowed difference between reported and computed achievement, in percentage points (setting)',
    },
    reportedOn: { type: 'date', nullable: true, description: 'date the realisation was reported' },
    reportDeadline: {
      type: 'date',
      nullable: true,
      description: 'for quarters: the reporting deadline (setting: working days after the quarter)',
    },
  },
  node: {
    ...common,
    nodeId: { type: 'string', description: 'node id' },
    level: { type: 'string', description: 'tujuan, sasaran, program, kegiatan or subkegiatan' },
    code: { type: 'string', nullable: true, description: 'code (kode rekening for programs and below)' },
    name: { type: 'string', description: 'name of the node' },
    hasParent: { type: 'boolean', description: 'a parent node is recorded' },
    parentLevel: { type: 'string', nullable: true, description: 'level of the parent node' },
    parentCode: { type: 'string', nullable: true, description: 'code of the parent node' },
    alignsTo: {
      type: 'string',
      nullable: true,
      description: 'what the node aligns to in a higher plan, as written',
    },
    indicatorCount: { type: 'number', description: 'how many indicators measure the node' },
    childCount: { type: 'number', description: 'how many child nodes it has' },
    budgetMismatchYears: {
      type: 'number[]',
      description: "years whose budget differs from the sum of the children's budgets (both numbers)",
    },
    budgetMismatchCount: { type: 'number', description: 'how many such years' },
    budgetMismatches: {
      type: 'object',
      description: "per such year: the budget, the children's sum and the difference",
    },
  },
  document: {
    ...common,
    documentId: { type: 'string', description: 'document id' },
    kind: { type: 'string', description: 'renstra, renja, pk or lkjip' },
    title: { type: 'string', description: 'title of the document' },
    hasLegalBasis: { type: 'boolean', description: 'a legal basis (e.g. a Perbup) is recorded' },
    periodStart: { type: 'number', description: 'first year of the document period' },
    periodEnd: { type: 'number', description: 'last year of the document period' },
    coversEvaluationYear: { type: 'boolean', description: 'the period contains the evaluation year' },
  },
  organisation: {
    ...common,
    hasPlanForYear: { type: 'boolean', description: 'a Renstra covering the evaluation year is recorded' },
    hasPk: { type: 'boolean', description: 'PK targets for the evaluation year are recorded' },
    pkSignedOn: { type: 'date', nullable: true, description: "latest signing date of the year's PK targets" },
    pkDeadline: { type: 'date', description: "PK due date (setting: months after the DPA's approval)" },
    lkjipSubmittedOn: {
      type: 'date',
      nullable: true,
      description: 'when the LKjIP of the evaluation year was submitted',
    },
    lkjipSubmitted: { type: 'boolean', description: 'the LKjIP of the evaluation year was submitted' },
    lkjipDeadline: { type: 'date', description: 'LKjIP due date (setting; per government)' },
    lkjipDeadlinePassed: { type: 'boolean', description: '`now` is after the LKjIP due date' },
  },
};

export function isKnownFact(scope: Scope, fact: string): boolean {
  return Object.prototype.hasOwnProperty.call(FACT_CATALOGUE[scope], fact);
}
