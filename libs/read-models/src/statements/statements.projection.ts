import { asOrganisationalEvent, statementsOf, type StatementSource } from '@sakip/domain';
import { metadataOf } from '../framework/event-helpers';
import { json, type Projection, type Row, type RowOperation } from '../framework/projection';

export type { StatementSubjectField } from '@sakip/domain';

/**
 * Every statement a document makes (bundle format 2): the primary value of each table cell the import
 * turned into an event, and every further statement of the same fact elsewhere in the document, each with
 * its source. Planner commands are not statements of a document: they are revisions (value-history).
 */
export const statementsProjection: Projection = {
  name: 'statements',
  version: 1,
  description: 'every value each document states, with its source (table, page, row), primary or repeated',
  handles: [
    'IndicatorDefined',
    'BaselineSet',
    'TargetSet',
    'TargetRevised',
    'AgreementTargetSet',
    'RealisationReported',
    'IndicatorValueStated',
    'BudgetAllocated',
    'BudgetStated',
    'DocumentBudgetStated',
  ],
  tables: [
    {
      name: 'statements',
      columns: {
        event_id: 'text',
        item: 'integer',
        organisation_id: 'text',
        document_id: 'text',
        indicator_id: 'text',
        node_id: 'text',
        field: 'text',
        period: 'text',
        is_total: 'boolean',
        is_primary: 'boolean',
        value_raw: 'jsonb',
        row_target_raw: 'jsonb',
        reported_achievement_raw: 'jsonb',
        source_table: 'text',
        source_page: 'text',
        source_row: 'text',
        position_commit: 'bigint',
        position_sequence: 'bigint',
      },
      primaryKey: ['event_id', 'item'],
      indexes: [
        ['organisation_id', 'indicator_id'],
        ['organisation_id', 'node_id'],
      ],
    },
  ],

  apply(event): RowOperation[] {
    const known = asOrganisationalEvent(event);
    if (!known) return [];
    const { documentId: _document, ...provenance } = metadataOf(event).provenance ?? { documentId: '' };
    return statementsOf(known, provenance).map((statement, item) => ({
      type: 'insert',
      table: 'statements',
      row: {
        event_id: event.id,
        item,
        organisation_id: statement.organisationId,
        document_id: statement.documentId,
        indicator_id: statement.indicatorId ?? null,
        node_id: statement.nodeId ?? null,
        field: statement.field,
        period: statement.period ?? null,
        is_total: statement.total ?? false,
        is_primary: statement.primary,
        value_raw: json(statement.value),
        row_target_raw: json(statement.rowTarget),
        reported_achievement_raw: json(statement.reportedAchievement),
        ...sourceOf(statement.source),
        position_commit: Number(event.position.commit),
        position_sequence: Number(event.position.sequence),
      } satisfies Row,
    }));
  },
};

function sourceOf(source: StatementSource | undefined) {
  const text = (value: string | number | undefined) => (value === undefined ? null : String(value));
  return {
    source_table: source?.table ?? null,
    source_page: text(source?.page),
    source_row: text(source?.row),
  };
}
