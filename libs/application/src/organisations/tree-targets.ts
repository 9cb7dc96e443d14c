import {
  presentValue,
  type IndicatorPeriodsQueries,
  type IndicatorView,
  type PresentedValue,
  type TreeNode,
} from '@sakip/read-models';

type PeriodRow = Awaited<ReturnType<IndicatorPeriodsQueries['rows']>>[number];

/** What a tree shows of an indicator's period: target, PK target and realisation. */
export interface TreeTarget {
  readonly period: string;
  readonly year: number | null;
  readonly target: PresentedValue | null;
  readonly agreementTarget: PresentedValue | null;
  readonly realisation: PresentedValue | null;
}

export type TreeIndicator = IndicatorView & { readonly targets: readonly TreeTarget[] };
export type TargetTreeNode = Omit<TreeNode, 'indicators' | 'children'> & {
  readonly indicators: readonly TreeIndicator[];
  readonly children: TargetTreeNode[];
};

const present = (raw: unknown) => (raw === null || raw === undefined ? null : presentValue(raw));

/** The tree with each indicator's targets per period (from the indicator-periods read model). */
export function withTargets(tree: readonly TreeNode[], rows: readonly PeriodRow[]): TargetTreeNode[] {
  const byIndicator = new Map<string, TreeTarget[]>();
  for (const row of rows) {
    const list = byIndicator.get(row.indicator_id) ?? [];
    list.push({
      period: row.period,
      year: row.year,
      target: present(row.target_raw),
      agreementTarget: present(row.pk_target_raw),
      realisation: present(row.realisation_raw),
    });
    byIndicator.set(row.indicator_id, list);
  }
  const walk = (node: TreeNode): TargetTreeNode => ({
    ...node,
    indicators: node.indicators.map((i) => ({ ...i, targets: byIndicator.get(i.indicatorId) ?? [] })),
    children: node.children.map(walk),
  });
  return tree.map(walk);
}
