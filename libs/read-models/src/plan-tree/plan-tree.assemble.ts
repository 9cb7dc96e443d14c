import type { ItemRole, NodeLevel } from '@sakip/domain';
import { presentValue } from '../framework/values';
import type { IndicatorView, TreeNode } from './plan-tree.queries';

/** A node of one document as the tree query reads it. */
export interface TreeNodeRow {
  readonly node_id: string;
  readonly level: NodeLevel;
  readonly name: string;
  readonly code: string | null;
  readonly parent_id: string | null;
  readonly aligns_to: string | null;
  readonly role: string | null;
  readonly source_table: string | null;
  readonly source_row: string | null;
}

export interface BudgetRow {
  readonly node_id: string;
  readonly year: number;
  readonly amount_raw: unknown;
}

const LEVEL_ORDER: Record<string, number> = {
  tujuan: 0,
  sasaran: 1,
  program: 2,
  kegiatan: 3,
  subkegiatan: 4,
};

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Nests the nodes of one document by parent, in linear time: indicators and budgets are grouped by node
 * once, and every node is attached to its parent once. Siblings keep the order level, source row, id.
 *
 * A node becomes a root when its parent is not in the document, or when its parents loop back to it
 * (a cycle such as C1 → C2 → C1, which an import refuses but a store may still hold): the node where
 * the loop closes is shown as a root that keeps its `parentId`, so no node of a cycle disappears.
 */
export function assembleTree(
  nodeRows: readonly TreeNodeRow[],
  indicators: readonly IndicatorView[],
  budgetRows: readonly BudgetRow[],
): TreeNode[] {
  const budgetsOf = groupBy(budgetRows, (b) => b.node_id);
  const indicatorsOf = groupBy(indicators, (i) => i.nodeId);
  const sourceOrder = (row: TreeNodeRow) => Number(row.source_row ?? Number.MAX_SAFE_INTEGER);
  const sorted = [...nodeRows].sort(
    (a, b) =>
      (LEVEL_ORDER[a.level] ?? 99) - (LEVEL_ORDER[b.level] ?? 99) ||
      sourceOrder(a) - sourceOrder(b) ||
      a.node_id.localeCompare(b.node_id),
  );
  const byNode = new Map<string, TreeNode>();
  for (const row of sorted)
    byNode.set(row.node_id, {
      nodeId: row.node_id,
      level: row.level,
      name: row.name,
      code: row.code,
      parentId: row.parent_id,
      alignsTo: row.aligns_to,
      role: (row.role as ItemRole | null) ?? 'plan',
      source: { table: row.source_table, row: row.source_row },
      budgets: (budgetsOf.get(row.node_id) ?? []).map((b) => ({
        year: b.year,
        amount: presentValue(b.amount_raw),
      })),
      indicators: indicatorsOf.get(row.node_id) ?? [],
      children: [],
    });

  const parentOf = (node: TreeNode) => (node.parentId === null ? undefined : byNode.get(node.parentId));
  // Which nodes close a cycle: walk up from every node once; a walk that meets itself found one.
  const WALKING = 1;
  const DONE = 2;
  const state = new Map<string, number>();
  const closesCycle = new Set<string>();
  for (const node of byNode.values()) {
    const path: TreeNode[] = [];
    let current: TreeNode | undefined = node;
    while (current && !state.has(current.nodeId)) {
      state.set(current.nodeId, WALKING);
      path.push(current);
      current = parentOf(current);
    }
    if (current && state.get(current.nodeId) === WALKING) closesCycle.add(current.nodeId);
    for (const walked of path) state.set(walked.nodeId, DONE);
  }

  const roots: TreeNode[] = [];
  for (const node of byNode.values()) {
    const parent = closesCycle.has(node.nodeId) ? undefined : parentOf(node);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
