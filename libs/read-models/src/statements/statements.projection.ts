import type { DocumentEvent, IndicatorEvent, NodeEvent, StatementSource } from '@sakip/domain';
import type { StoredEvent } from '@sakip/event-store';
import { dataOf, metadataOf } from '../framework/event-helpers';
import { json, type Projection, type Row, type RowOperation } from '../framework/projection';

type IndicatorData<T extends IndicatorEvent['type']> = Extract<IndicatorEvent, { type: T }>['data'];
type NodeData<T extends NodeEvent['type']> = Extract<NodeEvent, { type: T }>['data'];
type DocumentData<T extends DocumentEvent['type']> = Extract<DocumentEvent, { type: T }>['data'];

/** What a statement is about: an indicator field, or money (pagu or spent) of a node or of the document. */
export type StatementSubjectField =
  | 'name'
  | 'unit'
  | 'formula'
  | 'finalTarget'
  | 'baseline'
  | 'target'
  | 'agreement'
  | 'realisation'
  | 'budget'
  | 'budget-realisation';

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
    return statementsOf(event).map((statement, item) => ({
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
        ...sourceOf(statement.source ?? metadataOf(event).provenance),
        position_commit: Number(event.position.commit),
        position_sequence: Number(event.position.sequence),
      } satisfies Row,
    }));
  },
};

interface Statement {
  organisationId: string;
  documentId: string;
  indicatorId?: string;
  nodeId?: string;
  field: StatementSubjectField;
  period?: string;
  total?: boolean;
  primary: boolean;
  value: unknown;
  rowTarget?: unknown;
  reportedAchievement?: unknown;
  source?: StatementSource;
}

function sourceOf(source: StatementSource | undefined) {
  const text = (value: string | number | undefined) => (value === undefined ? null : String(value));
  return {
    source_table: source?.table ?? null,
    source_page: text(source?.page),
    source_row: text(source?.row),
  };
}

const DEFINITION_FIELDS = ['name', 'unit', 'formula', 'finalTarget'] as const;

function statementsOf(event: StoredEvent): Statement[] {
  switch (event.type) {
    case 'IndicatorDefined': {
      const d = dataOf<IndicatorData<'IndicatorDefined'>>(event);
      return DEFINITION_FIELDS.filter((field) => d[field] !== undefined).map((field) => ({
        organisationId: d.organisationId,
        documentId: d.documentId,
        indicatorId: d.indicatorId,
        field,
        primary: true,
        value: d[field],
      }));
    }
    case 'BaselineSet': {
      const d = dataOf<IndicatorData<'BaselineSet'>>(event);
      if (!d.documentId) return [];
      return [{ ...d, documentId: d.documentId, field: 'baseline', period: String(d.year), primary: true }];
    }
    case 'TargetSet': {
      const d = dataOf<IndicatorData<'TargetSet'>>(event);
      return [{ ...d, field: 'target', period: String(d.year), primary: true }];
    }
    case 'TargetRevised': {
      // A later document's target is that document's statement; a planner's revision is not a statement.
      const d = dataOf<IndicatorData<'TargetRevised'>>(event);
      if (d.origin !== 'document' || !d.documentId) return [];
      return [{ ...d, documentId: d.documentId, field: 'target', period: String(d.year), primary: true }];
    }
    case 'AgreementTargetSet': {
      const d = dataOf<IndicatorData<'AgreementTargetSet'>>(event);
      if (!d.documentId) return [];
      return [{ ...d, documentId: d.documentId, field: 'agreement', period: String(d.year), primary: true }];
    }
    case 'RealisationReported': {
      const d = dataOf<IndicatorData<'RealisationReported'>>(event);
      if (!d.documentId) return [];
      return [
        {
          ...d,
          documentId: d.documentId,
          field: 'realisation',
          primary: true,
          rowTarget: d.target,
        },
      ];
    }
    case 'IndicatorValueStated': {
      const d = dataOf<IndicatorData<'IndicatorValueStated'>>(event);
      const period = d.period ?? (d.year === undefined ? undefined : String(d.year));
      return [{ ...d, ...(period === undefined ? {} : { period }), primary: false }];
    }
    case 'BudgetAllocated': {
      const d = dataOf<NodeData<'BudgetAllocated'>>(event);
      if (!d.documentId) return [];
      return [
        {
          ...d,
          documentId: d.documentId,
          field: 'budget',
          period: String(d.year),
          primary: true,
          value: d.amount,
        },
      ];
    }
    case 'BudgetStated':
    case 'DocumentBudgetStated': {
      const d = dataOf<NodeData<'BudgetStated'> | DocumentData<'DocumentBudgetStated'>>(event);
      return [
        {
          ...d,
          field: d.kind === 'realisation' ? 'budget-realisation' : 'budget',
          ...(d.year === undefined ? {} : { period: String(d.year) }),
          total: d.total ?? false,
          primary: false,
          value: d.amount,
        },
      ];
    }
    default:
      return [];
  }
}
