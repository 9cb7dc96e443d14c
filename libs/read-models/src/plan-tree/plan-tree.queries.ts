import type { Aggregation, ItemRole, NodeLevel, Polarity } from '@sakip/domain';
import { Queries } from '../framework/read-models';
import { presentValue, type PresentedValue } from '../framework/values';
import { planTreeProjection } from './plan-tree.projection';
import { assembleTree, type TreeNodeRow } from './plan-tree.assemble';

export interface OrganisationView {
  readonly organisationId: string;
  readonly name: string;
  readonly government: string | null;
  readonly province: string | null;
}

export interface DocumentView {
  readonly organisationId: string;
  readonly documentId: string;
  readonly kind: string;
  readonly title: string;
  readonly legalBasis: string | null;
  readonly issuedOn: string | null;
  readonly period: { readonly start: number; readonly end: number };
  readonly registeredAt: string;
}

export interface IndicatorView {
  readonly organisationId: string;
  readonly indicatorId: string;
  readonly nodeId: string;
  readonly name: string;
  readonly unit: string | null;
  readonly formula: string | null;
  readonly polarity: Polarity;
  readonly iku: boolean;
  readonly ikk: boolean;
  readonly aggregation: Aggregation | null;
  readonly dataSource: string | null;
  readonly finalTarget: PresentedValue | null;
  readonly baseline: { readonly year: number; readonly value: PresentedValue } | null;
  /** plan, history (reprinted from an earlier document) or reference (a regional goal cited). */
  readonly role: ItemRole;
  /** Stream version: send it back as expectedVersion with a command. */
  readonly version: number;
}

export interface TreeNode {
  readonly nodeId: string;
  readonly level: NodeLevel;
  readonly name: string;
  readonly code: string | null;
  readonly parentId: string | null;
  readonly alignsTo: string | null;
  readonly role: ItemRole;
  readonly source: { readonly table: string | null; readonly row: string | null };
  readonly budgets: readonly { readonly year: number; readonly amount: PresentedValue }[];
  readonly indicators: readonly IndicatorView[];
  readonly children: TreeNode[];
}

interface IndicatorRow {
  organisation_id: string;
  indicator_id: string;
  node_id: string;
  name: string;
  unit: string | null;
  formula: string | null;
  polarity: string | null;
  iku: boolean | null;
  ikk: boolean | null;
  aggregation: string | null;
  data_source: string | null;
  final_target_raw: unknown;
  baseline_year: number | null;
  baseline_raw: unknown;
  role: string | null;
  version: number;
}

const toIndicator = (row: IndicatorRow): IndicatorView => ({
  organisationId: row.organisation_id,
  indicatorId: row.indicator_id,
  nodeId: row.node_id,
  name: row.name,
  unit: row.unit,
  formula: row.formula,
  polarity: (row.polarity as Polarity | null) ?? 'higher-is-better',
  iku: row.iku ?? false,
  ikk: row.ikk ?? false,
  aggregation: row.aggregation as Aggregation | null,
  dataSource: row.data_source,
  finalTarget: row.final_target_raw === null ? null : presentValue(row.final_target_raw),
  baseline:
    row.baseline_year === null ? null : { year: row.baseline_year, value: presentValue(row.baseline_raw) },
  role: (row.role as ItemRole | null) ?? 'plan',
  version: Number(row.version),
});

export class PlanTreeQueries extends Queries {
  async organisations(): Promise<OrganisationView[]> {
    const t = await this.table(planTreeProjection, 'organisations');
    const rows = await this.db.query<{
      organisation_id: string;
      name: string;
      government: string | null;
      province: string | null;
    }>(`SELECT organisation_id, name, government, province FROM ${t} ORDER BY organisation_id`);
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      name: r.name,
      government: r.government,
      province: r.province,
    }));
  }

  async organisation(organisationId: string): Promise<OrganisationView | undefined> {
    return (await this.organisations()).find((o) => o.organisationId === organisationId);
  }

  async documents(organisationId?: string): Promise<DocumentView[]> {
    const t = await this.table(planTreeProjection, 'documents');
    const rows = await this.db.query<{
      organisation_id: string;
      document_id: string;
      kind: string;
      title: string;
      legal_basis: string | null;
      issued_on: string | null;
      period_start: number;
      period_end: number;
      registered_at: Date | string;
    }>(
      `SELECT organisation_id, document_id, kind, title, legal_basis, issued_on, period_start, period_end, registered_at FROM ${t}
       WHERE $1::text IS NULL OR organisation_id = $1 ORDER BY organisation_id, period_start, kind, document_id`,
      [organisationId ?? null],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      documentId: r.document_id,
      kind: r.kind,
      title: r.title,
      legalBasis: r.legal_basis,
      issuedOn: r.issued_on,
      period: { start: r.period_start, end: r.period_end },
      registeredAt: new Date(r.registered_at).toISOString(),
    }));
  }

  async indicator(organisationId: string, indicatorId: string): Promise<IndicatorView | undefined> {
    const t = await this.table(planTreeProjection, 'indicators');
    const [row] = await this.db.query<IndicatorRow>(
      `SELECT * FROM ${t} WHERE organisation_id = $1 AND indicator_id = $2`,
      [organisationId, indicatorId],
    );
    return row ? toIndicator(row) : undefined;
  }

  /** Organisations that have an indicator with this id (to resolve a reference given without organisation). */
  async organisationsWithIndicator(indicatorId: string): Promise<string[]> {
    const t = await this.table(planTreeProjection, 'indicators');
    const rows = await this.db.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM ${t} WHERE indicator_id = $1 ORDER BY organisation_id`,
      [indicatorId],
    );
    return rows.map((r) => r.organisation_id);
  }

  async indicators(organisationId: string): Promise<IndicatorView[]> {
    const t = await this.table(planTreeProjection, 'indicators');
    return (
      await this.db.query<IndicatorRow>(
        `SELECT * FROM ${t} WHERE organisation_id = $1 ORDER BY indicator_id`,
        [organisationId],
      )
    ).map(toIndicator);
  }

  /** The performance tree of one document: its nodes, nested by parent, with indicators and budgets. */
  async tree(organisationId: string, documentId: string): Promise<TreeNode[]> {
    const tables = await this.tablesOf(planTreeProjection);
    const [nodes, members, indicators, indicatorMembers, budgets] = [
      tables.get('nodes')!,
      tables.get('node_documents')!,
      tables.get('indicators')!,
      tables.get('indicator_documents')!,
      tables.get('budgets')!,
    ];
    const nodeRows = await this.db.query<TreeNodeRow>(
      `SELECT n.node_id, n.level, n.name, n.code, n.parent_id, n.aligns_to, n.role, m.source_table, m.source_row
       FROM ${members} m JOIN ${nodes} n ON n.organisation_id = m.organisation_id AND n.node_id = m.node_id
       WHERE m.organisation_id = $1 AND m.document_id = $2`,
      [organisationId, documentId],
    );
    const indicatorRows = await this.db.query<IndicatorRow>(
      `SELECT i.* FROM ${indicatorMembers} m JOIN ${indicators} i ON i.organisation_id = m.organisation_id AND i.indicator_id = m.indicator_id
       WHERE m.organisation_id = $1 AND m.document_id = $2 ORDER BY i.indicator_id`,
      [organisationId, documentId],
    );
    const budgetRows = await this.db.query<{ node_id: string; year: number; amount_raw: unknown }>(
      `SELECT node_id, year, amount_raw FROM ${budgets} WHERE organisation_id = $1 ORDER BY node_id, year`,
      [organisationId],
    );
    return assembleTree(nodeRows, indicatorRows.map(toIndicator), budgetRows);
  }
}
