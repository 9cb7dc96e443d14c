import { statementsConflict } from '@sakip/domain';
import { Queries } from '../framework/read-models';
import { presentValue, rawOf, type PresentedValue } from '../framework/values';
import { planTreeProjection } from '../plan-tree/plan-tree.projection';
import { statementsProjection, type StatementSubjectField } from './statements.projection';

export interface StatementView {
  readonly document: { readonly id: string; readonly title: string | null; readonly kind: string | null };
  readonly source: {
    readonly table: string | null;
    readonly page: string | null;
    readonly row: string | null;
  };
  /** The document's main statement of the fact (its main table), or a further one. */
  readonly primary: boolean;
  readonly value: PresentedValue;
  /** A realisation row's own target and capaian. */
  readonly rowTarget: PresentedValue | null;
  readonly reportedAchievement: PresentedValue | null;
}

/** Every statement of one fact (field and period) of an indicator, node or document. */
export interface StatementGroup {
  readonly field: StatementSubjectField;
  readonly period: string | null;
  readonly total: boolean;
  /** Two statements of one document disagree (interpreted values; text compared without case or spacing). */
  readonly conflict: boolean;
  readonly statements: readonly StatementView[];
}

interface StatementRow {
  document_id: string;
  field: StatementSubjectField;
  period: string | null;
  is_total: boolean;
  is_primary: boolean;
  value_raw: unknown;
  row_target_raw: unknown;
  reported_achievement_raw: unknown;
  source_table: string | null;
  source_page: string | null;
  source_row: string | null;
  title: string | null;
  kind: string | null;
}

export class StatementsQueries extends Queries {
  /** Statements about an indicator, or about a node (budgets), grouped by field and period. */
  async of(
    organisationId: string,
    subject: { readonly indicatorId: string } | { readonly nodeId: string },
  ): Promise<StatementGroup[]> {
    const statements = await this.table(statementsProjection, 'statements');
    const documents = await this.table(planTreeProjection, 'documents');
    const column = 'indicatorId' in subject ? 'indicator_id' : 'node_id';
    const id = 'indicatorId' in subject ? subject.indicatorId : subject.nodeId;
    const rows = await this.db.query<StatementRow>(
      `SELECT s.*, d.title, d.kind FROM ${statements} s
       LEFT JOIN ${documents} d ON d.organisation_id = s.organisation_id AND d.document_id = s.document_id
       WHERE s.organisation_id = $1 AND s.${column} = $2
       ORDER BY s.field, s.period NULLS FIRST, s.is_total, s.position_commit, s.position_sequence, s.item`,
      [organisationId, id],
    );
    return groupStatements(rows);
  }
}

function groupStatements(rows: readonly StatementRow[]): StatementGroup[] {
  const groups = new Map<
    string,
    { field: StatementSubjectField; period: string | null; total: boolean; rows: StatementRow[] }
  >();
  for (const row of rows) {
    const key = `${row.field}|${row.period ?? ''}|${row.is_total}`;
    const group = groups.get(key) ?? { field: row.field, period: row.period, total: row.is_total, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ field, period, total, rows: members }) => ({
    field,
    period,
    total,
    conflict: [...new Set(members.map((m) => m.document_id))].some((document) =>
      statementsConflict(
        field,
        members.filter((m) => m.document_id === document).map((m) => ({ value: rawOf(m.value_raw) ?? null })),
      ),
    ),
    statements: members.map((row) => ({
      document: { id: row.document_id, title: row.title, kind: row.kind },
      source: { table: row.source_table, page: row.source_page, row: row.source_row },
      primary: row.is_primary,
      value: presentValue(row.value_raw),
      rowTarget: row.row_target_raw === null ? null : presentValue(row.row_target_raw),
      reportedAchievement:
        row.reported_achievement_raw === null ? null : presentValue(row.reported_achievement_raw),
    })),
  }));
}
