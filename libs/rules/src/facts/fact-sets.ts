import {
  computeAchievement,
  interpretValue,
  numericValue,
  parsePeriod,
  periodEndDate,
  sameRawMeaning,
  type DocumentValue,
  type Polarity,
  type RawValue,
} from '@sakip/domain';
import type { FactSet, Subject } from '../rule';
import {
  addWorkingDays,
  deadlinesFor,
  lkjipDeadline,
  pkDeadline,
  type EvaluationSettings,
} from '../settings';
import type { IndicatorModel, OrganisationModel } from './model';

export interface BatchContext {
  readonly evaluationYear: number;
  /** The date the batch evaluates as of (YYYY-MM-DD). */
  readonly now: string;
  readonly settings: EvaluationSettings;
}

const GRADE_UNITS = /predikat|nilai huruf|kategori|grade/i;
const PERCENT_UNIT = /%|persen/i;
const DENOMINATOR = /\/|:|÷|\bdibagi\b|\bper\b|x\s*100|×\s*100|perbandingan|rasio|persentase/i;

const round = (n: number) => Math.round(n * 100) / 100;
const value = (raw: RawValue | null | undefined): DocumentValue => interpretValue(raw ?? null);
const isEmpty = (raw: RawValue | null | undefined) => value(raw).kind === 'empty';

/** The fact sets of one organisation for one evaluation year: every scope, every subject. */
export function buildFactSets(model: OrganisationModel, context: BatchContext): FactSet[] {
  const common = {
    evaluationYear: context.evaluationYear,
    now: context.now,
    organisationId: model.organisationId,
    organisationName: model.details?.name ?? null,
    government: model.details?.government ?? null,
  };
  const subject = (over: Partial<Subject>): Subject => ({
    organisationId: model.organisationId,
    organisationName: model.details?.name ?? null,
    documentId: null,
    documentTitle: null,
    nodeCode: null,
    nodeName: null,
    indicatorId: null,
    indicatorName: null,
    period: null,
    ...over,
  });
  const sets: FactSet[] = [];
  const documentOf = (ids: Iterable<string>) => {
    for (const id of ids) {
      const document = model.documents.get(id);
      if (document) return document;
    }
    return undefined;
  };
  const planYears = new Set<number>();
  for (const document of model.documents.values())
    if (document.kind === 'renstra' || document.kind === 'renja')
      for (let y = document.period.start; y <= document.period.end; y++) planYears.add(y);

  const children = groupBy(model.nodes.values(), (node) => node.definition.parent);
  const indicatorsOfNode = groupBy(model.indicators.values(), (indicator) => indicator.definition.nodeId);

  // Nodes
  for (const node of model.nodes.values()) {
    const def = node.definition;
    const parent = def.parent ? model.nodes.get(def.parent) : undefined;
    const kids = children.get(def.nodeId) ?? [];
    const mismatches: { year: number; budget: number; childrenSum: number; difference: number }[] = [];
    const mismatchEvents: string[] = [];
    if (kids.length > 0)
      for (const [year, budget] of node.budgets) {
        const own = numericValue(value(budget.value));
        const parts = kids.map((k) => k.budgets.get(year));
        if (own === undefined || parts.some((p) => p === undefined)) continue;
        const numbers = parts.map((p) => numericValue(value(p!.value)));
        if (numbers.some((n) => n === undefined)) continue;
        const sum = numbers.reduce<number>((a, b) => a + b!, 0);
        if (Math.abs(sum - own) > 0.5) {
          mismatches.push({ year, budget: own, childrenSum: round(sum), difference: round(own - sum) });
          mismatchEvents.push(budget.eventId, ...parts.map((p) => p!.eventId));
        }
      }
    const document = documentOf(node.documentIds);
    sets.push({
      scope: 'node',
      key: `node:${def.nodeId}`,
      subject: subject({
        documentId: document?.documentId ?? null,
        documentTitle: document?.title ?? null,
        nodeCode: def.code ?? def.nodeId,
        nodeName: def.name,
      }),
      facts: {
        ...common,
        nodeId: def.nodeId,
        level: def.level,
        code: def.code ?? null,
        name: def.name,
        hasParent: parent !== undefined,
        parentLevel: parent?.definition.level ?? null,
        parentCode: parent?.definition.code ?? null,
        alignsTo: def.alignsTo ?? null,
        indicatorCount: indicatorsOfNode.get(def.nodeId)?.length ?? 0,
        childCount: kids.length,
        budgetMismatchYears: mismatches.map((m) => m.year),
        budgetMismatchCount: mismatches.length,
        budgetMismatches: mismatches,
      },
      eventIds: mismatchEvents.length > 0 ? mismatchEvents : node.eventIds.slice(0, 1),
    });
  }

  // Indicators and their periods
  for (const indicator of model.indicators.values()) {
    const def = indicator.definition;
    const node = model.nodes.get(def.nodeId);
    const unit = def.unit?.trim() ? def.unit : null;
    const unitIsNumeric = !GRADE_UNITS.test(unit ?? '');
    const years = [...planYears].sort((a, b) => a - b);
    const targetOf = (year: number) => indicator.targets.get(year);
    const interpreted = new Map([...indicator.targets].map(([y, t]) => [y, value(t.value)]));
    const withoutTarget = years.filter((y) => !targetOf(y) || isEmpty(targetOf(y)!.value));
    const budgetOf = (year: number) => {
      const budget = node?.budgets.get(year);
      return budget ? numericValue(value(budget.value)) : undefined;
    };
    const zeroBudgeted = years.filter((y) => {
      const t = interpreted.get(y);
      return t?.kind === 'number' && t.value === 0 && (budgetOf(y) ?? 0) > 0;
    });
    const planTargets = years.map((y) => interpreted.get(y));
    const allZero = years.length > 0 && planTargets.every((t) => t?.kind === 'number' && t.value === 0);
    const nonNumeric = unitIsNumeric
      ? years.filter((y) => {
          const kind = interpreted.get(y)?.kind;
          return kind === 'grade' || kind === 'unparseable';
        })
      : [];
    const unparseable = [...interpreted]
      .filter(([, v]) => v.kind === 'unparseable')
      .map(([y]) => y)
      .sort((a, b) => a - b);
    let jump: {
      from: { year: number; target: number };
      to: { year: number; target: number };
      ratio: number;
    } | null = null;
    const sortedYears = [...interpreted.keys()].sort((a, b) => a - b);
    for (let i = 1; i < sortedYears.length; i++) {
      const [ya, yb] = [sortedYears[i - 1]!, sortedYears[i]!];
      if (yb !== ya + 1) continue;
      const [a, b] = [numericValue(interpreted.get(ya)!), numericValue(interpreted.get(yb)!)];
      if (a === undefined || b === undefined || a <= 0 || b <= 0) continue;
      const ratio = round(Math.max(a, b) / Math.min(a, b));
      if (!jump || ratio > jump.ratio)
        jump = { from: { year: ya, target: a }, to: { year: yb, target: b }, ratio };
    }
    const final = def.finalTarget === undefined ? null : value(def.finalTarget);
    let finalMatches: boolean | null = null;
    const numbers = years.map((y) => numericValue(interpreted.get(y) ?? value(null)));
    if (final?.kind === 'number' && years.length > 0 && numbers.every((n) => n !== undefined)) {
      const list = numbers.filter((n): n is number => n !== undefined);
      const candidates: Record<string, number> = {
        last: list[list.length - 1]!,
        sum: round(list.reduce((a, b) => a + b, 0)),
        max: Math.max(...list),
        min: Math.min(...list),
        average: round(list.reduce((a, b) => a + b, 0) / list.length),
      };
      const allowed = def.aggregation ? [def.aggregation] : ['last', 'sum', 'max'];
      finalMatches = allowed.some((a) => Math.abs((candidates[a] ?? Number.NaN) - final.value) < 0.005);
    }
    const endOfYear = (y: number) => `${y}-12-31`;
    const withoutBasis = indicator.revisions.filter((r) => !r.legalBasis);
    const afterEnd = indicator.revisions.filter(
      (r) => r.effectiveOn !== null && r.effectiveOn > endOfYear(r.year),
    );
    const revisedYears = new Set(indicator.revisions.map((r) => r.year));
    const pkDiffers = [...indicator.agreements]
      .filter(([year, pk]) => {
        const target = targetOf(year);
        return target !== undefined && !revisedYears.has(year) && !sameRawMeaning(pk.value, target.value);
      })
      .map(([year]) => year)
      .sort((a, b) => a - b);
    const conflicting = [...indicator.realisations.values()]
      .filter((r) => {
        const values = [...r.byDocument.values()];
        return values.some((v) => !sameRawMeaning(v, values[0]));
      })
      .map((r) => r.period)
      .sort();
    const indicatorSubject = subject({
      documentId: documentOf(node?.documentIds ?? [])?.documentId ?? null,
      documentTitle: documentOf(node?.documentIds ?? [])?.title ?? null,
      nodeCode: node?.definition.code ?? node?.definition.nodeId ?? null,
      nodeName: node?.definition.name ?? null,
      indicatorId: def.indicatorId,
      indicatorName: def.name,
    });
    sets.push({
      scope: 'indicator',
      key: `indicator:${def.indicatorId}`,
      subject: indicatorSubject,
      facts: {
        ...common,
        indicatorId: def.indicatorId,
        indicatorName: def.name,
        nodeLevel: node?.definition.level ?? null,
        nodeCode: node?.definition.code ?? null,
        unit,
        hasUnit: unit !== null,
        unitIsPercent: PERCENT_UNIT.test(unit ?? ''),
        unitIsNumeric,
        formula: def.formula?.trim() ? def.formula : null,
        hasFormula: Boolean(def.formula?.trim()),
        formulaNamesDenominator: DENOMINATOR.test(def.formula ?? ''),
        iku: def.iku ?? false,
        hasBaseline: indicator.baseline !== null && !isEmpty(indicator.baseline.value),
        planYears: years,
        planYearsWithoutTarget: withoutTarget,
        planYearsWithoutTargetCount: withoutTarget.length,
        zeroTargetBudgetedYears: zeroBudgeted,
        zeroTargetBudgetedYearsCount: zeroBudgeted.length,
        allPlanTargetsZero: allZero,
        nonNumericTargetYears: nonNumeric,
        nonNumericTargetYearsCount: nonNumeric.length,
        unparseableTargetYears: unparseable,
        unparseableTargetYearsCount: unparseable.length,
        maxTargetJumpRatio: jump?.ratio ?? null,
        largestTargetJump: jump,
        finalTarget: final,
        aggregation: def.aggregation ?? null,
        finalTargetMatchesAggregation: finalMatches,
        revisionsWithoutLegalBasisYears: withoutBasis.map((r) => r.year),
        revisionsWithoutLegalBasisCount: withoutBasis.length,
        revisionsAfterPeriodEndYears: afterEnd.map((r) => r.year),
        revisionsAfterPeriodEndCount: afterEnd.length,
        pkDiffersWithoutRevisionYears: pkDiffers,
        pkDiffersWithoutRevisionCount: pkDiffers.length,
        conflictingRealisationPeriods: conflicting,
        conflictingRealisationCount: conflicting.length,
      },
      eventIds: indicator.eventIds,
    });
    sets.push(...periodSets(indicator, indicatorSubject, common, context, model.details?.government));
  }

  // Documents
  for (const document of model.documents.values())
    sets.push({
      scope: 'document',
      key: `document:${document.documentId}`,
      subject: subject({ documentId: document.documentId, documentTitle: document.title }),
      facts: {
        ...common,
        documentId: document.documentId,
        kind: document.kind,
        title: document.title,
        hasLegalBasis: Boolean(document.legalBasis?.trim()),
        periodStart: document.period.start,
        periodEnd: document.period.end,
        coversEvaluationYear:
          document.period.start <= context.evaluationYear && context.evaluationYear <= document.period.end,
      },
      eventIds: [document.eventId],
    });

  // Organisation
  const deadlines = deadlinesFor(context.settings, model.details?.government);
  const year = context.evaluationYear;
  const pk = [...model.indicators.values()].flatMap((i) => {
    const a = i.agreements.get(year);
    return a ? [a] : [];
  });
  const signed = pk
    .map((a) => a.signedOn)
    .filter((d): d is string => d !== null)
    .sort();
  const lkjip = model.submissions
    .filter((s) => s.kind === 'lkjip' && s.year === year)
    .sort((a, b) => a.submittedOn.localeCompare(b.submittedOn));
  const lkjipDue = lkjipDeadline(deadlines, year);
  sets.push({
    scope: 'organisation',
    key: `organisation:${model.organisationId}:${year}`,
    subject: subject({ period: String(year) }),
    facts: {
      ...common,
      hasPlanForYear: [...model.documents.values()].some(
        (d) => d.kind === 'renstra' && d.period.start <= year && year <= d.period.end,
      ),
      hasPk: pk.length > 0,
      pkSignedOn: signed[signed.length - 1] ?? null,
      pkDeadline: pkDeadline(deadlines, year),
      lkjipSubmittedOn: lkjip[0]?.submittedOn ?? null,
      lkjipSubmitted: lkjip.length > 0,
      lkjipDeadline: lkjipDue,
      lkjipDeadlinePassed: context.now > lkjipDue,
    },
    eventIds: [...model.eventIds, ...pk.map((a) => a.eventId), ...lkjip.map((s) => s.eventId)],
  });
  return sets;
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** One fact set per period up to the evaluation year that has a target or a realisation. */
function periodSets(
  indicator: IndicatorModel,
  indicatorSubject: Subject,
  common: Record<string, unknown>,
  context: BatchContext,
  government: string | undefined,
): FactSet[] {
  const def = indicator.definition;
  const polarity: Polarity = def.polarity ?? 'higher-is-better';
  const deadlines = deadlinesFor(context.settings, government);
  const periods = new Set<string>([...indicator.targets.keys()].map(String));
  for (const period of indicator.realisations.keys()) periods.add(period);
  const sets: FactSet[] = [];
  for (const period of [...periods].sort()) {
    const parsed = parsePeriod(period);
    if (!parsed || parsed.year > context.evaluationYear) continue;
    const own = parsed.kind === 'year' ? indicator.targets.get(parsed.year) : undefined;
    const targetRecord = own ?? indicator.targets.get(parsed.year);
    const target = targetRecord ? value(targetRecord.value) : null;
    const realisationRecord = indicator.realisations.get(period);
    const realisation = realisationRecord ? value(realisationRecord.value) : null;
    const reported =
      realisationRecord?.reportedAchievement != null
        ? numericValue(value(realisationRecord.reportedAchievement))
        : undefined;
    let computed: number | undefined;
    if (target && realisation) {
      const a = computeAchievement(target, realisation, polarity, {
        lowerIsBetter: context.settings.lowerIsBetter,
      });
      if (a.kind === 'computed') computed = a.percent;
    }
    const periodEnd = periodEndDate(parsed);
    sets.push({
      scope: 'indicator-period',
      key: `indicator-period:${def.indicatorId}:${period}`,
      subject: { ...indicatorSubject, period },
      facts: {
        ...common,
        indicatorId: def.indicatorId,
        indicatorName: def.name,
        period,
        periodKind: parsed.kind,
        year: parsed.year,
        periodEnd,
        periodEnded: periodEnd < context.now,
        polarity,
        target,
        hasTarget: target !== null && target.kind !== 'empty',
        realisation,
        hasRealisation: realisation !== null && realisation.kind !== 'empty',
        reportedAchievement: reported ?? null,
        computedAchievement: computed ?? null,
        achievementPair: reported !== undefined && computed !== undefined ? [reported, computed] : null,
        achievementTolerance: context.settings.achievementTolerance,
        reportedOn: realisationRecord?.reportedOn ?? null,
        reportDeadline:
          parsed.kind === 'quarter' ? addWorkingDays(periodEnd, deadlines.quarterlyReportWorkingDays) : null,
      },
      eventIds: [...(targetRecord ? [targetRecord.eventId] : []), ...(realisationRecord?.eventIds ?? [])],
    });
  }
  return sets;
}
