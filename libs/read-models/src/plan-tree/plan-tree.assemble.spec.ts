import type { NodeLevel } from '@sakip/domain';
import { assembleTree, type BudgetRow, type TreeNodeRow } from './plan-tree.assemble';
import type { IndicatorView, TreeNode } from './plan-tree.queries';

const LEVELS: NodeLevel[] = ['tujuan', 'sasaran', 'program', 'kegiatan', 'subkegiatan'];

const row = (nodeId: string, parentId: string | null, level: NodeLevel, sourceRow: number | null = null) =>
  ({
    node_id: nodeId,
    level,
    name: `Node ${nodeId}`,
    code: null,
    parent_id: parentId,
    aligns_to: null,
    role: null,
    source_table: null,
    source_row: sourceRow === null ? null : String(sourceRow),
  }) satisfies TreeNodeRow;

const indicator = (nodeId: string, indicatorId: string): IndicatorView => ({
  organisationId: 'org',
  indicatorId,
  nodeId,
  name: indicatorId,
  unit: '%',
  formula: null,
  polarity: 'higher-is-better',
  iku: false,
  ikk: false,
  aggregation: null,
  dataSource: null,
  finalTarget: null,
  baseline: null,
  role: 'plan',
  version: 1,
});

function* walk(nodes: readonly TreeNode[]): Generator<TreeNode> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

describe('assembling the plan tree', () => {
  it('nests 20 000 nodes by parent, each once, with its own indicators and budgets', () => {
    // Given a tree 5 levels deep: 4 tujuan, each parent with 6 to 7 children, 20 000 nodes in all
    const rows: TreeNodeRow[] = [];
    const indicators: IndicatorView[] = [];
    const budgets: BudgetRow[] = [];
    let frontier: string[] = [];
    for (let i = 0; i < 4; i++) frontier.push(`T${i}`);
    for (const id of frontier) rows.push(row(id, null, 'tujuan', rows.length));
    for (let depth = 1; rows.length < 20_000; depth++) {
      const next: string[] = [];
      for (const parent of frontier)
        for (let c = 0; c < 7 && rows.length < 20_000; c++) {
          const id = `${parent}.${c}`;
          rows.push(row(id, parent, LEVELS[Math.min(depth, 4)]!, rows.length));
          next.push(id);
        }
      frontier = next;
    }
    for (const r of rows) {
      indicators.push(indicator(r.node_id, `${r.node_id}-I1`), indicator(r.node_id, `${r.node_id}-I2`));
      budgets.push({ node_id: r.node_id, year: 2025, amount_raw: 1000 });
    }

    // When the tree is assembled (rows in reverse order, as a database may return them)
    const tree = assembleTree([...rows].reverse(), indicators, budgets);

    // Then every node is in it exactly once, under its parent, in source order, with its own data
    expect(tree.map((n) => n.nodeId)).toEqual(['T0', 'T1', 'T2', 'T3']);
    const seen = [...walk(tree)];
    expect(seen).toHaveLength(20_000);
    expect(new Set(seen.map((n) => n.nodeId)).size).toBe(20_000);
    for (const node of seen) {
      for (const child of node.children) expect(child.parentId).toBe(node.nodeId);
      expect(node.indicators.map((i) => i.indicatorId)).toEqual([`${node.nodeId}-I1`, `${node.nodeId}-I2`]);
      expect(node.budgets).toEqual([{ year: 2025, amount: expect.anything() }]);
    }
    expect(tree[0]!.children.map((n) => n.nodeId)).toEqual([0, 1, 2, 3, 4, 5, 6].map((c) => `T0.${c}`));
  });

  it('keeps every node of a parent cycle (C1 → C2 → C1) and what hangs below it', () => {
    // Given two nodes that are each other's parent, a child of one of them, and a node that is its own parent
    const rows = [
      row('T1', null, 'tujuan'),
      row('C1', 'C2', 'sasaran', 1),
      row('C2', 'C1', 'sasaran', 2),
      row('P1', 'C2', 'program', 3),
      row('S1', 'S1', 'sasaran', 4),
    ];

    // When the tree is assembled
    const tree = assembleTree(rows, [], []);

    // Then no node vanishes: the loop is cut where it closes, and that node is a root keeping its parentId
    const ids = [...walk(tree)].map((n) => n.nodeId).sort();
    expect(ids).toEqual(['C1', 'C2', 'P1', 'S1', 'T1']);
    const c2 = [...walk(tree)].find((n) => n.nodeId === 'C2')!;
    expect(c2.children.map((n) => n.nodeId)).toEqual(['P1']);
    const cut = tree.filter((n) => n.parentId !== null).map((n) => n.nodeId);
    expect(cut).toEqual(expect.arrayContaining(['S1']));
    expect(cut.filter((id) => id === 'C1' || id === 'C2')).toHaveLength(1);
  });

  it('shows a node whose parent is not in the document as a root', () => {
    const tree = assembleTree([row('S1', 'T9', 'sasaran')], [], []);
    expect(tree.map((n) => [n.nodeId, n.parentId])).toEqual([['S1', 'T9']]);
  });
});
