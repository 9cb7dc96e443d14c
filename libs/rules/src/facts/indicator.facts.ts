import {
  comparableText,
  computeAchievement,
  meaningfulStatements,
  numericValue,
  statementsConflict,
  parsePeriod,
  sameRawMeaning,
  type DocumentValue,
  type LowerIsBetterConvention,
  type Polarity,
  type RawValue,
} from '@sakip/domain';
import { defineScopeFacts, once, type FinishInput } from './define';
import {
  indicatorRef,
  isEmpty,
  PLAN_KINDS,
  realisationSeriesKey,
  round,
  value,
  type OrganisationContext,
  type SubjectRef,
} from './context';
import type { DocumentModel, IndicatorModel, NodeModel, StatementRecord } from './model';
import {
  DIVIDES,
  denominatorIsOwnTarget,
  dividesByHundred,
  EXTERNAL_DEFINITION,
  formulaRestatesName,
  inferAggregation,
  isCountName,
  isNumericUnit,
  normaliseText,
  unitContradictsName,
} from './text';
import { COMMON_FACTS, INDICATOR_IDENTITY_FACTS } from './common.facts';

const GRADE_UNITS = /predikat|nilai huruf|kategori|grade/i;
const PERCENT_UNIT = /%|persen/i;
const TEXT_FIELDS: ReadonlySet<string> = new Set(['name', 'unit', 'formula']);

/** One indicator, with what its facts share, computed once. */
export interface IndicatorContext {
  readonly org: OrganisationContext;
  readonly indicator: IndicatorModel;
  readonly node: NodeModel | undefined;
  readonly document: DocumentModel | undefined;
  readonly unit: string | null;
  readonly formula: string | null;
  /** A plan item (not history or reference) of a plan document (Renstra, Renja). */
  readonly isPlanItem: boolean;
  /** The plan years of its plan documents, in order. */
  readonly years: readonly number[];
  /** Interpreted targets by year (every year the documents give). */
  readonly targets: ReadonlyMap<number, DocumentValue>;
  /** Numeric targets of the plan years (undefined where not a number). */
  readonly planNumbers: readonly (number | undefined)[];
  /** The latest earlier realisation or the baseline: what a challenging target must go beyond. */
  readonly reference: {
    readonly source: 'baseline' | 'realisation';
    readonly period: string;
    readonly value: number;
  } | null;
}

export function indicatorContext(org: OrganisationContext, indicator: IndicatorModel): IndicatorContext {
  const def = indicator.definition;
  const node = org.model.nodes.get(def.nodeId);
  const documents = [...indicator.documentIds]
    .map((id) => org.model.documents.get(id))
    .filter((d) => d !== undefined);
  const planDocuments = documents.filter((d) => PLAN_KINDS.has(d.kind));
  const years = [...new Set(planDocuments.flatMap((d) => range(d.period.start, d.period.end)))].sort(
    (a, b) => a - b,
  );
  const targets = new Map([...indicator.targets].map(([y, t]) => [y, value(t.value)]));
  const firstYear = years[0] ?? Number.POSITIVE_INFINITY;
  const earlier = [...indicator.realisations.values()]
    .map((r) => ({ period: r.period, year: parsePeriod(r.period)?.year, v: numericValue(value(r.value)) }))
    .filter(
      (r): r is { period: string; year: number; v: number } =>
        r.year !== undefined && r.year < firstYear && r.v !== undefined,
    )
    .sort((a, b) => b.period.localeCompare(a.period));
  const baseline = indicator.baseline ? numericValue(value(indicator.baseline.value)) : undefined;
  const latest = earlier[0];
  const reference =
    latest && (!indicator.baseline || latest.year >= indicator.baseline.year)
      ? { source: 'realisation' as const, period: latest.period, value: latest.v }
      : baseline !== undefined && indicator.baseline
        ? { source: 'baseline' as const, period: String(indicator.baseline.year), value: baseline }
        : null;
  return {
    org,
    indicator,
    node,
    document: documents[0],
    unit: def.unit?.trim() ? def.unit.trim() : null,
    formula: def.formula?.trim() ? def.formula.trim() : null,
    isPlanItem: (def.role ?? 'plan') === 'plan' && planDocuments.length > 0,
    years,
    targets,
    planNumbers: years.map((y) => numericValue(targets.get(y) ?? value(null))),
    reference,
  };
}

function range(start: number, end: number): number[] {
  const years: number[] = [];
  for (let y = start; y <= end; y++) years.push(y);
  return years;
}

const higherIsBetter = (c: IndicatorContext) =>
  (c.indicator.definition.polarity ?? 'higher-is-better') !== 'lower-is-better';

interface Conflict {
  readonly field: string;
  readonly period: string | null;
  /** The different values, each with the tables that print it: «A» (Tabel 6.1) ≠ «B» (Tabel 7.1). */
  readonly values: string;
}

function describeConflict(
  field: string,
  statements: readonly { raw: RawValue | null; table: string | null }[],
): string {
  const key = (raw: RawValue | null) =>
    TEXT_FIELDS.has(field)
      ? comparableText(raw)
      : JSON.stringify(value(raw).kind === 'number' ? numericValue(value(raw)) : String(raw ?? ''));
  const distinct = new Map<string, { raw: RawValue | null; tables: string[] }>();
  for (const s of statements) {
    const k = key(s.raw);
    const entry = distinct.get(k) ?? { raw: s.raw, tables: [] };
    if (s.table && !entry.tables.includes(s.table)) entry.tables.push(s.table);
    distinct.set(k, entry);
  }
  return [...distinct.values()]
    .map(
      (d) =>
        `«${d.raw === null || d.raw === '' ? '' : String(d.raw)}»${d.tables.length ? ` (${d.tables.join(', ')})` : ''}`,
    )
    .join(' ≠ ');
}

/** Pairs of statements of one document, field and period that say different things. */
function computeConflictsOf(c: IndicatorContext): Conflict[] {
  const groups = new Map<string, StatementRecord[]>();
  for (const s of c.indicator.statements) {
    if (s.field === 'realisation' && s.value === null) continue;
    const key = `${s.documentId}|${s.field}|${s.period ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const conflicts: Conflict[] = [];
  for (const statements of groups.values()) {
    const first = statements[0]!;
    const meaningful = meaningfulStatements(first.field, statements);
    if (statementsConflict(first.field, statements))
      conflicts.push({
        field: first.field,
        period: first.period ?? null,
        values: describeConflict(
          first.field,
          meaningful.map((s) => ({ raw: s.value, table: s.source?.table ?? null })),
        ),
      });
  }
  // A realisation row's own target, and a PK target, against the same document's target of that year.
  for (const [year, pk] of c.indicator.agreements) {
    const plan = c.indicator.targets.get(year);
    if (
      plan &&
      pk.documentId !== null &&
      plan.documentId === pk.documentId &&
      !isEmpty(pk.value) &&
      !sameRawMeaning(plan.value, pk.value)
    )
      conflicts.push({
        field: 'agreement',
        period: String(year),
        values: describeConflict('target', [
          { raw: plan.value, table: 'target' },
          { raw: pk.value, table: 'PK' },
        ]),
      });
  }
  for (const r of c.indicator.realisations.values()) {
    const year = parsePeriod(r.period);
    if (r.rowTarget === null || !year || year.kind !== 'year') continue;
    const plan = c.indicator.targets.get(year.year);
    if (
      plan &&
      plan.documentId === r.documentId &&
      !isEmpty(r.rowTarget) &&
      !sameRawMeaning(plan.value, r.rowTarget)
    )
      conflicts.push({
        field: 'target',
        period: r.period,
        values: describeConflict('target', [
          { raw: plan.value, table: 'rencana' },
          { raw: r.rowTarget, table: 'baris realisasi' },
        ]),
      });
  }
  return conflicts;
}
const conflictsOf = once(computeConflictsOf);

/** The final target the yearly ones imply, under the stated or the inferred aggregation. */
function computeFinalTargetCheck(c: IndicatorContext) {
  const def = c.indicator.definition;
  if (!c.isPlanItem || def.finalTarget === undefined || c.years.length < 2) return null;
  const final = value(def.finalTarget);
  const numbers = c.planNumbers;
  if (final.kind !== 'number' || numbers.some((n) => n === undefined || n <= 0)) return null;
  const list = numbers as number[];
  const stated = def.aggregation;
  const inferred = stated ? null : inferAggregation(c.unit, def.name);
  const aggregation = stated ?? inferred?.aggregation;
  if (!aggregation) return null;
  const candidates: Record<string, number> = {
    last: list[list.length - 1]!,
    sum: round(list.reduce((a, b) => a + b, 0)),
    max: Math.max(...list),
    min: Math.min(...list),
    average: round(list.reduce((a, b) => a + b, 0) / list.length),
  };
  const expected = candidates[aggregation]!;
  return {
    final: final.value,
    expected,
    aggregation,
    assumed: !stated,
    why: inferred?.why ?? null,
    matches: Math.abs(expected - final.value) < 0.005,
  };
}
const finalTargetCheck = once(computeFinalTargetCheck);

/** Plan years whose target is 0 or printed empty while another plan year has a target above 0. */
function computeGapYears(c: IndicatorContext): number[] {
  if (!c.isPlanItem) return [];
  const positive = c.planNumbers.some((n) => n !== undefined && n > 0);
  if (!positive) return [];
  return c.years.filter((y) => {
    const t = c.targets.get(y);
    return (
      t !== undefined && ((t.kind === 'number' && t.value === 0) || (t.kind === 'empty' && t.raw !== null))
    );
  });
}
const gapYears = once(computeGapYears);

function computeLargestJump(c: IndicatorContext) {
  let jump: {
    from: { year: number; target: number };
    to: { year: number; target: number };
    ratio: number;
    direction: { id: string; en: string };
  } | null = null;
  const years = [...c.targets.keys()].sort((a, b) => a - b);
  for (let i = 1; i < years.length; i++) {
    const [ya, yb] = [years[i - 1]!, years[i]!];
    if (yb !== ya + 1) continue;
    const [a, b] = [numericValue(c.targets.get(ya)!), numericValue(c.targets.get(yb)!)];
    if (a === undefined || b === undefined || a <= 0 || b <= 0) continue;
    const ratio = round(Math.max(a, b) / Math.min(a, b));
    if (!jump || ratio > jump.ratio)
      jump = {
        from: { year: ya, target: a },
        to: { year: yb, target: b },
        ratio,
        // A fall from 2100 to 1 is not a "jump": the message says which way it goes.
        direction: b > a ? { id: 'naik', en: 'rises' } : { id: 'turun', en: 'falls' },
      };
  }
  return jump;
}
const largestJump = once(computeLargestJump);

interface Unreadable {
  readonly field: string;
  readonly period: string | null;
  readonly raw: RawValue;
}

function computeUnreadableValues(c: IndicatorContext): Unreadable[] {
  const list: Unreadable[] = [];
  const seen = new Set<string>();
  const check = (field: string, period: string | null, raw: RawValue | null | undefined) => {
    if (raw === null || raw === undefined || value(raw).kind !== 'unparseable') return;
    const key = `${field}|${period}|${String(raw)}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push({ field, period, raw });
  };
  for (const s of c.indicator.statements)
    if (!TEXT_FIELDS.has(s.field)) {
      check(s.field, s.period ?? null, s.value);
      if (s.rowTarget !== undefined) check('target', s.period ?? null, s.rowTarget);
      if (s.reportedAchievement !== undefined)
        check('reportedAchievement', s.period ?? null, s.reportedAchievement);
    }
  for (const [year, t] of c.indicator.targets) check('target', String(year), t.value);
  for (const r of c.indicator.realisations.values()) {
    check('realisation', r.period, r.value);
    check('reportedAchievement', r.period, r.reportedAchievement);
  }
  return list;
}
const unreadableValues = once(computeUnreadableValues);

/** Years after the end of the documents' periods for which values are given. */
function computeYearsAfterPeriod(c: IndicatorContext): number[] {
  const ends = [...c.indicator.documentIds]
    .map((id) => c.org.model.documents.get(id)?.period.end)
    .filter((e) => e !== undefined);
  if (ends.length === 0) return [];
  const end = Math.max(...ends);
  const years = new Set<number>();
  for (const y of c.indicator.targets.keys()) if (y > end) years.add(y);
  for (const s of c.indicator.statements) {
    const y = s.period ? parsePeriod(s.period)?.year : undefined;
    if (y !== undefined && y > end) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}
const yearsAfterPeriod = once(computeYearsAfterPeriod);

/** Indicators elsewhere with the same text, split by whether their node is of the same level. */
const sameText = once((c: IndicatorContext) => {
  const level = c.node?.definition.level;
  const same = others(
    c.org.indicatorsByName.get(normaliseText(c.indicator.definition.name)),
    c.indicator,
  ).filter(
    (i) =>
      i.definition.nodeId !== c.indicator.definition.nodeId && (i.definition.role ?? 'plan') !== 'history',
  );
  const levelOf = (i: IndicatorModel) => c.org.model.nodes.get(i.definition.nodeId)?.definition.level;
  return {
    sameLevel: same.filter((i) => levelOf(i) === level),
    otherLevel: same.filter((i) => levelOf(i) !== level),
  };
});

const others = (list: readonly IndicatorModel[] | undefined, self: IndicatorModel) =>
  (list ?? []).filter((i) => i !== self);

export const INDICATOR_FACTS = defineScopeFacts<IndicatorContext>('indicator', {
  ...COMMON_FACTS,
  ...INDICATOR_IDENTITY_FACTS,
  role: {
    type: 'string',
    description: 'plan, history (reprinted from an earlier document) or reference (a regional goal cited)',
    compute: (c) => c.indicator.definition.role ?? 'plan',
  },
  isPlanItem: {
    type: 'boolean',
    description: 'a plan indicator (not history or reference) of a plan document (Renstra, Renja)',
    compute: (c) => c.isPlanItem,
  },
  documentKind: {
    type: 'string',
    nullable: true,
    description: 'kind of the (first) document that defines the indicator: renstra, renja, pk, lkjip',
    compute: (c) => c.document?.kind ?? null,
  },
  nodeLevel: {
    type: 'string',
    nullable: true,
    description: 'level of the node the indicator measures: tujuan, sasaran, program, kegiatan, subkegiatan',
    compute: (c) => c.node?.definition.level ?? null,
  },
  nodeCode: {
    type: 'string',
    nullable: true,
    description: 'code of that node',
    compute: (c) => c.node?.definition.code ?? null,
  },
  unit: { type: 'string', nullable: true, description: 'unit (satuan) as written', compute: (c) => c.unit },
  hasUnit: { type: 'boolean', description: 'a unit is given', compute: (c) => c.unit !== null },
  unitIsPercent: {
    type: 'boolean',
    description: 'the unit is a percentage (%, persen)',
    compute: (c) => PERCENT_UNIT.test(c.unit ?? ''),
  },
  unitIsNumeric: {
    type: 'boolean',
    description: 'the unit expects a number (not a grade such as "predikat")',
    compute: (c) => !GRADE_UNITS.test(c.unit ?? ''),
  },
  unitIsNumber: {
    type: 'boolean',
    description: 'the unit is a bare number ("1"), not a unit',
    compute: (c) => isNumericUnit(c.unit),
  },
  unitContradictsName: {
    type: 'object',
    nullable: true,
    description:
      'the noun the name counts ("Jumlah Paket …") and a different count unit ("Unit"); null when they agree',
    compute: (c) => unitContradictsName(c.unit, c.indicator.definition.name),
  },
  isCountIndicator: {
    type: 'boolean',
    description: 'the name counts things ("Jumlah …", "Banyaknya …")',
    compute: (c) => isCountName(c.indicator.definition.name),
  },
  formula: {
    type: 'string',
    nullable: true,
    description: 'formula or definition as written',
    compute: (c) => c.formula,
  },
  hasFormula: {
    type: 'boolean',
    description: 'a formula or definition is given',
    compute: (c) => c.formula !== null,
  },
  formulaNamesDenominator: {
    type: 'boolean',
    description:
      'the formula divides by something ("/", ":", "dibagi", "per", "x 100", "perbandingan"; "persentase" alone is no denominator)',
    compute: (c) => DIVIDES.test(c.formula ?? ''),
  },
  formulaCitesExternalMeasure: {
    type: 'boolean',
    description:
      'the formula refers to a measurement made elsewhere ("berdasarkan …", "hasil penilaian …", BPS)',
    compute: (c) => EXTERNAL_DEFINITION.test(c.formula ?? ''),
  },
  formulaRestatesName: {
    type: 'boolean',
    description: 'the formula says no more than the name',
    compute: (c) => c.formula !== null && formulaRestatesName(c.formula, c.indicator.definition.name),
  },
  formulaDividesByHundred: {
    type: 'boolean',
    description: 'the formula divides by 100 ("dibagi 100") instead of multiplying',
    compute: (c) => c.formula !== null && dividesByHundred(c.formula),
  },
  formulaDenominatorIsOwnTarget: {
    type: 'boolean',
    description:
      'the formula divides by the unit\'s own target ("dibagi jumlah target pelayanan …"): 100 % by construction',
    compute: (c) => c.formula !== null && denominatorIsOwnTarget(c.formula),
  },
  iku: {
    type: 'boolean',
    description: 'a key performance indicator (IKU)',
    compute: (c) => c.indicator.definition.iku ?? false,
  },
  hasBaseline: {
    type: 'boolean',
    description: 'a baseline (kondisi awal) is recorded and not printed empty',
    compute: (c) => c.indicator.baseline !== null && !isEmpty(c.indicator.baseline.value),
  },
  baselineIsZeroWithPositiveTargets: {
    type: 'boolean',
    description: 'the baseline is 0 while the targets are above 0: a placeholder, not a measurement',
    compute: (c) => {
      const b = c.indicator.baseline;
      if (!b || numericValue(value(b.value)) !== 0) return false;
      return [...c.targets.values()].some((t) => (numericValue(t) ?? 0) > 0);
    },
  },
  baselineVsHistory: {
    type: 'object',
    nullable: true,
    description:
      'the baseline against the realisation the documents record for the baseline year: differs, or that year is printed empty; null when they agree or no history is recorded',
    compute: (c) => {
      const b = c.indicator.baseline;
      if (!b || isEmpty(b.value) || c.indicator.realisations.size === 0) return null;
      const baseline = numericValue(value(b.value));
      const record = c.indicator.realisations.get(String(b.year));
      if (!record) return null;
      const realised = value(record.value);
      if (realised.kind === 'empty')
        return { baselineYear: b.year, baseline: b.value, realisation: record.value, issue: 'not-reported' };
      const r = numericValue(realised);
      if (
        baseline === undefined ||
        r === undefined ||
        Math.abs(baseline - r) <= Math.max(0.005, Math.abs(r) * 0.005)
      )
        return null;
      return { baselineYear: b.year, baseline: b.value, realisation: record.value, issue: 'differs' };
    },
  },
  planYears: {
    type: 'number[]',
    description: 'the years of the plan period(s) the indicator is in',
    compute: (c) => c.years,
  },
  planTargets: {
    type: 'object',
    description: 'the targets of the plan years as printed, by year',
    compute: (c) => Object.fromEntries(c.years.map((y) => [y, c.indicator.targets.get(y)?.value ?? null])),
  },
  planYearsWithoutTarget: {
    type: 'number[]',
    description: 'plan years with no target, or an empty one ("", "-")',
    compute: (c) =>
      c.years.filter((y) => !c.indicator.targets.get(y) || isEmpty(c.indicator.targets.get(y)!.value)),
  },
  planYearsWithoutTargetCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) =>
      c.years.filter((y) => !c.indicator.targets.get(y) || isEmpty(c.indicator.targets.get(y)!.value)).length,
  },
  targetGapYears: {
    type: 'number[]',
    description: 'plan years whose target is 0 or printed empty while another plan year has a target above 0',
    compute: (c) => gapYears(c),
  },
  targetGapYearsCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) => gapYears(c).length,
  },
  allPlanTargetsZero: {
    type: 'boolean',
    description: 'every plan year has a target and every one is 0',
    compute: (c) =>
      c.years.length > 0 &&
      c.years.every((y) => {
        const t = c.targets.get(y);
        return t?.kind === 'number' && t.value === 0;
      }),
  },
  nonNumericTargetYears: {
    type: 'number[]',
    description: 'plan years whose target is a grade while the unit expects a number',
    compute: (c) =>
      GRADE_UNITS.test(c.unit ?? '') ? [] : c.years.filter((y) => c.targets.get(y)?.kind === 'grade'),
  },
  nonNumericTargetYearsCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) =>
      GRADE_UNITS.test(c.unit ?? '') ? 0 : c.years.filter((y) => c.targets.get(y)?.kind === 'grade').length,
  },
  unreadableValues: {
    type: 'object',
    description:
      'every value of the indicator that cannot be read as a number or grade: field, period, raw text',
    compute: (c) => unreadableValues(c),
  },
  unreadableValueCount: {
    type: 'number',
    description: 'how many such values',
    compute: (c) => unreadableValues(c).length,
  },
  maxTargetJumpRatio: {
    type: 'number',
    nullable: true,
    description: 'largest ratio (bigger/smaller) between the targets of consecutive years, both above 0',
    compute: (c) => largestJump(c)?.ratio ?? null,
  },
  largestTargetJump: {
    type: 'object',
    nullable: true,
    description: 'the two years and targets of that change, and its direction (rises or falls)',
    compute: (c) => largestJump(c),
  },
  percentAbove100: {
    type: 'object',
    nullable: true,
    description:
      'for a percentage of a whole (unit %, not a growth rate): targets or realisations above 100, by year',
    compute: (c) => {
      if (
        !PERCENT_UNIT.test(c.unit ?? '') ||
        /pertumbuhan|kenaikan|peningkatan|laju|rasio/i.test(c.indicator.definition.name)
      )
        return null;
      const over = [
        ...[...c.targets]
          .filter(([, t]) => (numericValue(t) ?? 0) > 100)
          .map(([y, t]) => ({ field: 'target', period: String(y), raw: t.raw })),
        ...[...c.indicator.realisations.values()]
          .filter((r) => (numericValue(value(r.value)) ?? 0) > 100)
          .map((r) => ({ field: 'realisation', period: r.period, raw: r.value })),
      ];
      return over.length > 0 ? over : null;
    },
  },
  negativeValues: {
    type: 'object',
    nullable: true,
    description:
      'targets, realisations and the baseline below 0 where the indicator measures an amount that cannot be negative (not a growth, change, difference or index)',
    compute: (c) => {
      if (
        /pertumbuhan|kenaikan|penurunan|perubahan|laju|selisih|inflasi|indeks|growth|change/i.test(
          `${c.indicator.definition.name} ${c.unit ?? ''}`,
        )
      )
        return null;
      const negative = (raw: unknown) => (numericValue(value(raw as never)) ?? 0) < 0;
      const below = [
        ...(c.indicator.baseline && negative(c.indicator.baseline.value)
          ? [
              {
                field: 'baseline',
                period: String(c.indicator.baseline.year),
                raw: c.indicator.baseline.value,
              },
            ]
          : []),
        ...[...c.targets]
          .filter(([, t]) => (numericValue(t) ?? 0) < 0)
          .map(([y, t]) => ({ field: 'target', period: String(y), raw: t.raw })),
        ...[...c.indicator.realisations.values()]
          .filter((r) => negative(r.value))
          .map((r) => ({ field: 'realisation', period: r.period, raw: r.value })),
      ];
      return below.length > 0 ? below : null;
    },
  },
  realisationManyTimesTarget: {
    type: 'object',
    nullable: true,
    description: 'periods whose realisation is 5 times its target or more (both above 0)',
    compute: (c) => {
      const over = [...c.indicator.realisations.values()].flatMap((r) => {
        const year = parsePeriod(r.period);
        const target =
          r.rowTarget ?? (year?.kind === 'year' ? c.indicator.targets.get(year.year)?.value : undefined);
        const [t, v] = [numericValue(value(target)), numericValue(value(r.value))];
        return t !== undefined && v !== undefined && t > 0 && v >= 5 * t
          ? [{ period: r.period, target, realisation: r.value }]
          : [];
      });
      return over.length > 0 ? over : null;
    },
  },
  finalTarget: {
    type: 'value',
    nullable: true,
    description: 'the final (end-of-plan) target as written, interpreted',
    compute: (c) =>
      c.indicator.definition.finalTarget === undefined ? null : value(c.indicator.definition.finalTarget),
  },
  aggregation: {
    type: 'string',
    nullable: true,
    description:
      'how yearly targets make the final one, when the document says (last, sum, max, min, average)',
    compute: (c) => c.indicator.definition.aggregation ?? null,
  },
  finalTargetCheck: {
    type: 'object',
    nullable: true,
    description:
      'a plan indicator whose yearly targets are all above 0: the final target, the value the yearly targets imply under the stated aggregation or one inferred from unit and name (last for levels, rates and stocks; sum for counts produced each year), whether it was assumed and why, and whether they match',
    compute: (c) => finalTargetCheck(c),
  },
  finalTargetMatchesAggregation: {
    type: 'boolean',
    nullable: true,
    description:
      'the final target equals what the yearly targets imply (see finalTargetCheck); null when not checked',
    compute: (c) => finalTargetCheck(c)?.matches ?? null,
  },
  targetsNotChallenging: {
    type: 'object',
    nullable: true,
    description:
      'plan targets that do not go beyond the latest earlier realisation or the baseline (by polarity): every target equal to it, or some below it; null otherwise',
    compute: (c) => {
      if (!c.isPlanItem || !c.reference) return null;
      const ref = c.reference.value;
      const numbers = c.planNumbers;
      if (numbers.length === 0 || numbers.some((n) => n === undefined)) return null;
      const list = numbers as number[];
      if (list.every((n) => n === 0)) return null; // no targets at all: target-missing says so
      const worse = (n: number) => (higherIsBetter(c) ? n < ref : n > ref);
      const flat = list.every((n) => n === ref);
      const below = c.years.filter((_y, i) => worse(list[i]!));
      if (!flat && below.length === 0) return null;
      return {
        reference: c.reference,
        targets: Object.fromEntries(c.years.map((y, i) => [y, list[i]])),
        flat,
        yearsBelow: below,
      };
    },
  },
  conflictingStatements: {
    type: 'object',
    description:
      'fields and periods that one document states differently (two tables, table and prose, a row target and the plan target), with the values and tables',
    compute: (c) => conflictsOf(c),
  },
  conflictingStatementCount: {
    type: 'number',
    description: 'how many such fields and periods',
    compute: (c) => conflictsOf(c).length,
  },
  conflictingFields: {
    type: 'string[]',
    description: 'the fields stated differently, with their periods ("unit", "target 2025")',
    compute: (c) => conflictsOf(c).map((x) => (x.period ? `${x.field} ${x.period}` : x.field)),
  },
  sameTextIndicators: {
    type: 'object',
    description:
      'other indicators (plan or reference) with the same name, normalised, on other nodes of the same level: subjects of the finding',
    compute: (c): SubjectRef[] => sameText(c).sameLevel.map(indicatorRef),
  },
  sameTextIndicatorCount: {
    type: 'number',
    description: 'how many such indicators',
    compute: (c) => sameText(c).sameLevel.length,
  },
  sameTextIndicatorsOtherLevel: {
    type: 'object',
    description:
      'other indicators (plan or reference) with the same name on nodes of another level (the same measure at two levels): subjects of the finding',
    compute: (c): SubjectRef[] => sameText(c).otherLevel.map(indicatorRef),
  },
  sameTextIndicatorOtherLevelCount: {
    type: 'number',
    description: 'how many such indicators',
    compute: (c) => sameText(c).otherLevel.length,
  },
  copiedRealisationSeries: {
    type: 'object',
    description:
      'other indicators whose realisations are the same in every period (three or more): subjects of the finding',
    compute: (c): SubjectRef[] => {
      const key = realisationSeriesKey(c.indicator);
      return key ? others(c.org.indicatorsByRealisations.get(key), c.indicator).map(indicatorRef) : [];
    },
  },
  copiedRealisationSeriesCount: {
    type: 'number',
    description: 'how many such indicators',
    compute: (c) => {
      const key = realisationSeriesKey(c.indicator);
      return key ? others(c.org.indicatorsByRealisations.get(key), c.indicator).length : 0;
    },
  },
  realisations: {
    type: 'object',
    description: 'the realisations recorded, by period, as printed',
    compute: (c) => Object.fromEntries([...c.indicator.realisations].map(([p, r]) => [p, r.value])),
  },
  yearsAfterDocumentPeriod: {
    type: 'number[]',
    description: "years after the end of the documents' periods for which the indicator has values",
    compute: (c) => yearsAfterPeriod(c),
  },
  reportingYearsWithoutRealisation: {
    type: 'number[]',
    description: 'for an indicator of a report (LKjIP): years of the report with no realisation from it',
    compute: (c) => {
      const reports = [...c.indicator.documentIds]
        .map((id) => c.org.model.documents.get(id))
        .filter((d) => d?.kind === 'lkjip');
      return reports.flatMap((d) =>
        range(d!.period.start, d!.period.end).filter((y) => {
          const r = c.indicator.realisations.get(String(y));
          return !r || r.value === null || isEmpty(r.value) || !r.byDocument.has(d!.documentId);
        }),
      );
    },
  },
  periodSumMismatches: {
    type: 'object',
    description:
      "for a count produced each year (aggregation sum): years whose quarters or semesters, all reported, do not add up to the year's realisation",
    compute: (c) => periodSums(c),
  },
  periodSumMismatchCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) => periodSums(c).length,
  },
  misreportedAchievements: {
    type: 'object',
    description:
      'printed target–realisation–capaian triples whose capaian differs from the computed one (by polarity) by more than the tolerance: period, values, computed, table',
    prepare: achievementTriples,
    finish: misreported,
  },
  misreportedAchievementCount: {
    type: 'number',
    description: 'how many such triples',
    prepare: achievementTriples,
    finish: (input) => misreported(input).length,
  },
  revisionsWithoutLegalBasisYears: {
    type: 'number[]',
    description: 'years whose target was revised without a legal basis',
    compute: (c) => c.indicator.revisions.filter((r) => !r.legalBasis).map((r) => r.year),
  },
  revisionsWithoutLegalBasisCount: {
    type: 'number',
    description: 'how many such revisions',
    compute: (c) => c.indicator.revisions.filter((r) => !r.legalBasis).length,
  },
  revisionsAfterPeriodEndYears: {
    type: 'number[]',
    description: 'years whose target was revised with effect after the year had ended',
    compute: (c) =>
      c.indicator.revisions
        .filter((r) => r.effectiveOn !== null && r.effectiveOn > `${r.year}-12-31`)
        .map((r) => r.year),
  },
  revisionsAfterPeriodEndCount: {
    type: 'number',
    description: 'how many such revisions',
    compute: (c) =>
      c.indicator.revisions.filter((r) => r.effectiveOn !== null && r.effectiveOn > `${r.year}-12-31`).length,
  },
  pkDiffersWithoutRevisionYears: {
    type: 'number[]',
    description: 'years whose PK target differs from the plan target with no revision recorded',
    compute: (c) => pkDiffers(c),
  },
  pkDiffersWithoutRevisionCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) => pkDiffers(c).length,
  },
  conflictingRealisationPeriods: {
    type: 'string[]',
    description: 'periods reported with different values in different documents',
    compute: (c) => conflictingReports(c),
  },
  conflictingRealisationCount: {
    type: 'number',
    description: 'how many such periods',
    compute: (c) => conflictingReports(c).length,
  },
});

const CONVENTIONS: readonly LowerIsBetterConvention[] = ['inverse-difference', 'ratio'];

/** A printed target–realisation–capaian triple, with the achievement computed under every reading. */
interface AchievementTriple {
  readonly period: string;
  readonly target: RawValue;
  readonly realisation: RawValue | null | undefined;
  readonly reported: RawValue;
  readonly reportedPercent: number;
  readonly table: string | null;
  /** Computed achievement by `${polarity}/${convention}` (absent: not computable). */
  readonly computed: Readonly<Record<string, number>>;
}

/**
 * Every printed target–realisation–capaian triple (each realisation row, primary or repeated), with the
 * achievement computed by the stated polarity (or, where the document states none, by either polarity)
 * under both lower-is-better conventions: the batch picks the reading and applies its tolerance.
 */
function achievementTriples(c: IndicatorContext): {
  stated: Polarity | null;
  triples: AchievementTriple[];
} {
  const stated = c.indicator.definition.polarity ?? null;
  const polarities: Polarity[] = stated ? [stated] : ['higher-is-better', 'lower-is-better'];
  const triples = c.indicator.statements.flatMap((s) => {
    if (s.field !== 'realisation' || s.reportedAchievement == null || !s.period) return [];
    const year = parsePeriod(s.period);
    const target =
      s.rowTarget ?? (year?.kind === 'year' ? c.indicator.targets.get(year.year)?.value : undefined);
    const reported = numericValue(value(s.reportedAchievement));
    if (target === undefined || target === null || reported === undefined) return [];
    const computed: Record<string, number> = {};
    for (const polarity of polarities)
      for (const lowerIsBetter of CONVENTIONS) {
        const a = computeAchievement(value(target), value(s.value), polarity, { lowerIsBetter });
        if (a.kind === 'computed') computed[`${polarity}/${lowerIsBetter}`] = a.percent;
      }
    return [
      {
        period: s.period,
        target,
        realisation: s.value,
        reported: s.reportedAchievement,
        reportedPercent: reported,
        table: s.source?.table ?? null,
        computed,
      },
    ];
  });
  return { stated, triples };
}

/**
 * The triples whose capaian differs from realisation ÷ target (by polarity) by more than the batch's
 * tolerance. Where the document does not state the polarity, a capaian that fits either reading (higher or
 * lower is better, under either convention for lower) is not misreported.
 */
function misreported({ prepared, batch }: FinishInput) {
  // The list and its count are two facts of one set: computed once per set and batch.
  const known = misreportedOf.get(prepared as object);
  if (known && known.batch === batch) return known.found;
  const { stated, triples } = prepared as ReturnType<typeof achievementTriples>;
  const tolerance = batch.settings.achievementTolerance;
  const convention = batch.settings.lowerIsBetter;
  const readings = stated
    ? [`${stated}/${convention}`]
    : [`higher-is-better/${convention}`, 'lower-is-better/inverse-difference', 'lower-is-better/ratio'];
  const found: {
    period: string;
    target: unknown;
    realisation: unknown;
    reported: unknown;
    computed: number;
    table: unknown;
  }[] = [];
  for (const t of triples) {
    // The first reading that gives a capaian, unless one of them fits the printed capaian.
    let first: number | undefined;
    let fits = false;
    for (const reading of readings) {
      const computed = t.computed[reading];
      if (computed === undefined) continue;
      first ??= computed;
      if (Math.abs(computed - t.reportedPercent) <= tolerance + 1e-9) {
        fits = true;
        break;
      }
    }
    if (first === undefined || fits) continue;
    found.push({
      period: t.period,
      target: t.target,
      realisation: t.realisation,
      reported: t.reported,
      computed: round(first),
      table: t.table,
    });
  }
  misreportedOf.set(prepared as object, { batch, found });
  return found;
}
const misreportedOf = new WeakMap<object, { batch: FinishInput['batch']; found: unknown[] }>();

/**
 * For a count of things produced (aggregation sum, stated or inferred): years whose four quarters or two
 * semesters (all reported, all numbers) do not add up to the year's realisation.
 */
function computePeriodSums(c: IndicatorContext) {
  const def = c.indicator.definition;
  const aggregation = def.aggregation ?? inferAggregation(c.unit, def.name)?.aggregation;
  if (aggregation !== 'sum') return [];
  const byYear = new Map<number, Map<string, number | undefined>>();
  for (const r of c.indicator.realisations.values()) {
    const p = parsePeriod(r.period);
    if (!p) continue;
    const parts = byYear.get(p.year) ?? new Map<string, number | undefined>();
    parts.set(r.period, numericValue(value(r.value)));
    byYear.set(p.year, parts);
  }
  const out: { year: number; year_value: number; parts: string; sum: number }[] = [];
  for (const [year, parts] of byYear) {
    const whole = parts.get(String(year));
    if (whole === undefined) continue;
    for (const names of [[1, 2, 3, 4].map((q) => `${year}-Q${q}`), [1, 2].map((h) => `${year}-S${h}`)]) {
      const values = names.map((n) => parts.get(n));
      if (values.some((v) => v === undefined)) continue;
      const sum = round((values as number[]).reduce((a, b) => a + b, 0));
      if (Math.abs(sum - whole) > 0.005)
        out.push({
          year,
          year_value: whole,
          parts: names.map((n, i) => `${n}: ${values[i]}`).join(', '),
          sum,
        });
    }
  }
  return out.sort((a, b) => a.year - b.year);
}
const periodSums = once(computePeriodSums);

function computePkDiffers(c: IndicatorContext): number[] {
  const revised = new Set(c.indicator.revisions.map((r) => r.year));
  return [...c.indicator.agreements]
    .filter(([year, pk]) => {
      const target = c.indicator.targets.get(year);
      return (
        target !== undefined &&
        !revised.has(year) &&
        target.documentId !== pk.documentId &&
        !sameRawMeaning(pk.value, target.value)
      );
    })
    .map(([year]) => year)
    .sort((a, b) => a - b);
}
const pkDiffers = once(computePkDiffers);

function computeConflictingReports(c: IndicatorContext): string[] {
  return [...c.indicator.realisations.values()]
    .filter((r) => {
      const values = [...r.byDocument.values()];
      return values.some((v) => !sameRawMeaning(v, values[0]));
    })
    .map((r) => r.period)
    .sort();
}
const conflictingReports = once(computeConflictingReports);
