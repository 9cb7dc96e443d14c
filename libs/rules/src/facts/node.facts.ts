import { numericValue } from '@sakip/domain';
import { defineScopeFacts, once } from './define';
import { COMMON_FACTS } from './common.facts';
import { nodeRef, PLAN_KINDS, round, value, type OrganisationContext, type SubjectRef } from './context';
import type { IndicatorModel, NodeModel } from './model';
import { normaliseText } from './text';

export interface NodeContext {
  readonly org: OrganisationContext;
  readonly node: NodeModel;
  readonly parent: NodeModel | undefined;
  readonly children: readonly NodeModel[];
  readonly indicators: readonly IndicatorModel[];
  readonly isPlanItem: boolean;
  /** The plan years of its plan documents. */
  readonly years: readonly number[];
}

export function nodeContext(org: OrganisationContext, node: NodeModel): NodeContext {
  const def = node.definition;
  const planDocuments = [...node.documentIds]
    .map((id) => org.model.documents.get(id))
    .filter((d) => d !== undefined && PLAN_KINDS.has(d.kind));
  const years = [...new Set(planDocuments.flatMap((d) => span(d!.period.start, d!.period.end)))].sort(
    (a, b) => a - b,
  );
  return {
    org,
    node,
    parent: def.parent ? org.model.nodes.get(def.parent) : undefined,
    children: (org.children.get(def.nodeId) ?? []).filter((n) => (n.definition.role ?? 'plan') === 'plan'),
    indicators: (org.indicatorsOfNode.get(def.nodeId) ?? []).filter(
      (i) => (i.definition.role ?? 'plan') === 'plan',
    ),
    isPlanItem: (def.role ?? 'plan') === 'plan' && planDocuments.length > 0,
    years,
  };
}

function span(start: number, end: number): number[] {
  const years: number[] = [];
  for (let y = start; y <= end; y++) years.push(y);
  return years;
}

const budgetOf = (node: NodeModel, year: number) => {
  const b = node.budgets.get(year);
  return b ? numericValue(value(b.value)) : undefined;
};

/** The plan years' budgets, when every one is a number. */
function planBudgets(c: NodeContext): number[] | undefined {
  const list = c.years.map((y) => budgetOf(c.node, y));
  return list.length >= 2 && list.every((b): b is number => b !== undefined) ? list : undefined;
}

/** The node's plan indicators have the same number as target in every plan year (above 0). */
function targetsFlat(
  node: NodeModel,
  indicators: readonly IndicatorModel[],
  years: readonly number[],
): boolean {
  if (indicators.length === 0 || years.length < 2) return false;
  return indicators.every((i) => {
    const numbers = years.map((y) => numericValue(value(i.targets.get(y)?.value)));
    return numbers.every((n) => n !== undefined && n > 0 && n === numbers[0]);
  });
}

/** The budget moves by a factor of 2 or more across the plan years while the targets stay the same. */
function swingOf(c: { node: NodeModel; indicators: readonly IndicatorModel[]; years: readonly number[] }) {
  const list = c.years.map((y) => budgetOf(c.node, y));
  if (list.length < 2 || list.some((b) => b === undefined || b <= 0)) return null;
  if (!targetsFlat(c.node, c.indicators, c.years)) return null;
  const numbers = list as number[];
  const ratio = round(Math.max(...numbers) / Math.min(...numbers));
  return ratio >= 2 ? { ratio, budgets: Object.fromEntries(c.years.map((y, i) => [y, numbers[i]])) } : null;
}

function computeBudgetSwing(c: NodeContext) {
  if (!c.isPlanItem) return null;
  const swing = swingOf(c);
  if (!swing) return null;
  // Reported where it starts: a child that swings the same way carries the finding.
  const childSwings = c.children.some((child) =>
    swingOf({
      node: child,
      indicators: c.org.indicatorsOfNode.get(child.definition.nodeId) ?? [],
      years: c.years,
    }),
  );
  return childSwings ? null : swing;
}
const budgetSwing = once(computeBudgetSwing);

/** Every yearly step of the pagu is the same percentage (not 0): indexed, not planned. */
function computeBudgetIndexed(c: NodeContext) {
  if (!c.isPlanItem) return null;
  const list = planBudgets(c);
  if (!list || list.length < 3 || list.some((b) => b <= 0)) return null;
  const rates = list.slice(1).map((b, i) => (b / list[i]! - 1) * 100);
  const first = rates[0]!;
  if (Math.abs(first) < 0.05 || rates.some((r) => Math.abs(r - first) > 0.05)) return null;
  // Targets growing by the same rate would explain it.
  const explained = c.indicators.some((i) => {
    const t = c.years.map((y) => numericValue(value(i.targets.get(y)?.value)));
    return (
      t.every((n) => n !== undefined && n > 0) &&
      t.slice(1).every((n, k) => Math.abs((n! / t[k]! - 1) * 100 - first) < 0.5)
    );
  });
  return explained
    ? null
    : { ratePercent: round(first), budgets: Object.fromEntries(c.years.map((y, i) => [y, list[i]])) };
}
const budgetIndexed = once(computeBudgetIndexed);

/** Years where the node has a budget and a child has none, or one that cannot be read: the sum is unknown. */
function computeRollupGaps(c: NodeContext) {
  if (!c.isPlanItem || c.children.length === 0) return [];
  const gaps: { year: number; children: string[]; parentHasNone?: boolean }[] = [];
  for (const year of c.years) {
    const own = budgetOf(c.node, year);
    const missing = c.children.filter((child) => {
      const b = child.budgets.get(year);
      return !b || value(b.value).kind !== 'number';
    });
    const funded = c.children.filter((child) => (budgetOf(child, year) ?? 0) > 0);
    if (
      own !== undefined &&
      own > 0 &&
      missing.length > 0 &&
      c.children.some((child) => child.budgets.size > 0)
    )
      gaps.push({ year, children: missing.map((n) => n.definition.nodeId) });
    else if (!c.node.budgets.has(year) && funded.length > 0 && c.node.budgets.size > 0)
      gaps.push({ year, children: funded.map((n) => n.definition.nodeId), parentHasNone: true });
  }
  return gaps;
}
const rollupGaps = once(computeRollupGaps);

const CODE_FORMAT: Readonly<Record<string, RegExp>> = {
  program: /^\d{1,2}\.\d{2}\.\d{2}$/,
  kegiatan: /^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}$/,
  subkegiatan: /^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{2,4}$/,
};

function computeSameTextNodes(c: NodeContext): SubjectRef[] {
  return (c.org.nodesByName.get(normaliseText(c.node.definition.name)) ?? [])
    .filter((n) => n !== c.node && (n.definition.role ?? 'plan') !== 'history')
    .map(nodeRef);
}
const sameTextNodes = once(computeSameTextNodes);

/** Plan years where the node's indicator has a target above 0 while every child's indicators are at 0. */
function computeCascadeGaps(c: NodeContext): number[] {
  if (!c.isPlanItem || c.children.length === 0) return [];
  const childIndicators = c.children.flatMap(
    (child) => c.org.indicatorsOfNode.get(child.definition.nodeId) ?? [],
  );
  if (childIndicators.length === 0) return [];
  return c.years.filter((y) => {
    const own = c.indicators.some((i) => (numericValue(value(i.targets.get(y)?.value)) ?? 0) > 0);
    const allZero = childIndicators.every((i) => numericValue(value(i.targets.get(y)?.value)) === 0);
    return own && allZero;
  });
}
const cascadeGaps = once(computeCascadeGaps);

/** Plan years with money and no target (all of the node's indicators 0 or empty), or a target and no money. */
function computeBudgetTargetGaps(c: NodeContext) {
  if (!c.isPlanItem || c.indicators.length === 0 || c.node.budgets.size === 0) return [];
  return c.years.flatMap((year) => {
    const budget = budgetOf(c.node, year);
    const targets = c.indicators.map((i) => value(i.targets.get(year)?.value));
    if (targets.some((t) => t.kind === 'unparseable' || t.kind === 'grade')) return [];
    const positive = targets.some((t) => t.kind === 'number' && t.value > 0);
    if (
      budget !== undefined &&
      budget > 0 &&
      !positive &&
      targets.every((t) => t.kind !== 'empty' || t.raw !== null)
    )
      return [{ year, issue: 'money-without-target', budget }];
    if (budget === 0 && positive) return [{ year, issue: 'target-without-money', budget }];
    return [];
  });
}
const budgetTargetGaps = once(computeBudgetTargetGaps);

export const NODE_FACTS = defineScopeFacts<NodeContext>('node', {
  ...COMMON_FACTS,
  nodeId: { type: 'string', description: 'node id', compute: (c) => c.node.definition.nodeId },
  level: {
    type: 'string',
    description: 'tujuan, sasaran, program, kegiatan or subkegiatan',
    compute: (c) => c.node.definition.level,
  },
  code: {
    type: 'string',
    nullable: true,
    description: 'code (kode rekening for programs and below)',
    compute: (c) => c.node.definition.code ?? null,
  },
  name: { type: 'string', description: 'name of the node', compute: (c) => c.node.definition.name },
  role: {
    type: 'string',
    description: 'plan, history or reference',
    compute: (c) => c.node.definition.role ?? 'plan',
  },
  isPlanItem: {
    type: 'boolean',
    description: 'a plan node (not history or reference) of a plan document (Renstra, Renja)',
    compute: (c) => c.isPlanItem,
  },
  hasParent: {
    type: 'boolean',
    description: 'a parent node is recorded',
    compute: (c) => c.parent !== undefined,
  },
  parentLevel: {
    type: 'string',
    nullable: true,
    description: 'level of the parent node',
    compute: (c) => c.parent?.definition.level ?? null,
  },
  parentCode: {
    type: 'string',
    nullable: true,
    description: 'code of the parent node',
    compute: (c) => c.parent?.definition.code ?? null,
  },
  codeFollowsNomenclature: {
    type: 'boolean',
    nullable: true,
    description:
      'the code has the Permendagri 90/2019 format of its level (program 1.06.01, kegiatan 1.06.01.2.01, sub-kegiatan 1.06.01.2.01.01); null without a code or for tujuan/sasaran',
    compute: (c) => {
      const format = CODE_FORMAT[c.node.definition.level];
      const code = c.node.definition.code?.trim();
      return format && code ? format.test(code) : null;
    },
  },
  alignsTo: {
    type: 'string',
    nullable: true,
    description: 'what the node aligns to in a higher plan, as written',
    compute: (c) => c.node.definition.alignsTo ?? null,
  },
  indicatorCount: {
    type: 'number',
    description: 'how many plan indicators measure the node',
    compute: (c) => c.indicators.length,
  },
  childCount: {
    type: 'number',
    description: 'how many child plan nodes it has',
    compute: (c) => c.children.length,
  },
  budgetMismatches: {
    type: 'object',
    description:
      "per year where the budget and the children's (all numbers) differ: the budget, the sum, the difference",
    compute: (c) => budgetMismatches(c),
  },
  budgetMismatchYears: {
    type: 'number[]',
    description: "years whose budget differs from the sum of the children's budgets (both numbers)",
    compute: (c) => budgetMismatches(c).map((m) => m.year),
  },
  budgetMismatchCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) => budgetMismatches(c).length,
  },
  budgetRollupGaps: {
    type: 'object',
    description:
      'years where the node has a budget but a child has none or an unreadable one (the sum is unknown), or the node has none while its children are funded',
    compute: (c) => rollupGaps(c),
  },
  budgetRollupGapCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) => rollupGaps(c).length,
  },
  budgetRollupGapSubjects: {
    type: 'object',
    description: 'the children concerned: subjects of the finding',
    compute: (c): SubjectRef[] =>
      [...new Set(rollupGaps(c).flatMap((g) => g.children))].map((node) => ({ node, indicator: null })),
  },
  budgetSwing: {
    type: 'object',
    nullable: true,
    description:
      "the pagu moves by a factor of 2 or more across the plan years while the node's targets stay the same (unit cost swinging); reported on the lowest node where it happens",
    compute: (c) => budgetSwing(c),
  },
  budgetIndexed: {
    type: 'object',
    nullable: true,
    description:
      'the pagu grows by the same percentage every year (indexed mechanically) and no target grows that way',
    compute: (c) => budgetIndexed(c),
  },
  budgetTargetGaps: {
    type: 'object',
    description:
      'plan years with money but no target above 0 (every indicator 0 or printed empty), or a target without money',
    compute: (c) => budgetTargetGaps(c),
  },
  budgetTargetGapCount: {
    type: 'number',
    description: 'how many such years',
    compute: (c) => budgetTargetGaps(c).length,
  },
  cascadeGapYears: {
    type: 'number[]',
    description:
      "plan years where the node's indicator has a target above 0 while every child's indicators are at 0",
    compute: (c) => cascadeGaps(c),
  },
  sameTextNodes: {
    type: 'object',
    description: 'other nodes (plan or reference) with the same name, normalised: subjects of the finding',
    compute: (c) => sameTextNodes(c),
  },
  sameTextNodeCount: {
    type: 'number',
    description: 'how many such nodes',
    compute: (c) => sameTextNodes(c).length,
  },
  nameRepeatsParent: {
    type: 'boolean',
    description: "the name is the parent node's name, normalised",
    compute: (c) =>
      c.parent !== undefined &&
      normaliseText(c.parent.definition.name) === normaliseText(c.node.definition.name),
  },
});

function computeBudgetMismatches(c: NodeContext) {
  const mismatches: { year: number; budget: number; childrenSum: number; difference: number }[] = [];
  if (c.children.length === 0) return mismatches;
  for (const [year, budget] of c.node.budgets) {
    const own = numericValue(value(budget.value));
    const numbers = c.children.map((k) => budgetOf(k, year));
    if (own === undefined || numbers.some((n) => n === undefined)) continue;
    const sum = numbers.reduce<number>((a, b) => a + b!, 0);
    if (Math.abs(sum - own) > 0.5)
      mismatches.push({ year, budget: own, childrenSum: round(sum), difference: round(own - sum) });
  }
  return mismatches;
}
const budgetMismatches = once(computeBudgetMismatches);
