import {
  INDICATOR_EVENT_TYPES,
  type DocumentDetails,
  type IndicatorEvent,
  type NodeEvent,
  type OrganisationDetails,
} from '@sakip/domain';
import { dataOf, sourceColumns } from '../framework/event-helpers';
import { defined, json, type Projection, type RowOperation } from '../framework/projection';

type Data<E extends { type: string; data: unknown }, T extends E['type']> = Extract<E, { type: T }>['data'];

/** Organisation → document → tujuan → sasaran → program → kegiatan → sub-kegiatan, with indicators and budgets. */
export const planTreeProjection: Projection = {
  name: 'plan-tree',
  // 2: the indicator row's version follows every event of the indicator stream (it is what commands expect).
  // 3: nodes and indicators carry their role (plan, history, reference; bundle format 2).
  version: 3,
  description:
    'organisations, documents, performance-tree nodes, indicators (with baseline) and budgets per year',
  handles: [
    'OrganisationRegistered',
    'OrganisationDetailsChanged',
    'DocumentRegistered',
    'NodeDefined',
    'BudgetAllocated',
    ...INDICATOR_EVENT_TYPES,
  ],
  tables: [
    {
      name: 'organisations',
      columns: {
        organisation_id: 'text',
        name: 'text',
        government: 'text',
        province: 'text',
        version: 'integer',
      },
      primaryKey: ['organisation_id'],
      versionColumn: 'version',
    },
    {
      name: 'documents',
      columns: {
        organisation_id: 'text',
        document_id: 'text',
        kind: 'text',
        title: 'text',
        legal_basis: 'text',
        issued_on: 'text',
        period_start: 'integer',
        period_end: 'integer',
        content_hash: 'text',
        registered_at: 'timestamptz',
        version: 'integer',
      },
      primaryKey: ['organisation_id', 'document_id'],
      versionColumn: 'version',
    },
    {
      name: 'nodes',
      columns: {
        organisation_id: 'text',
        node_id: 'text',
        level: 'text',
        name: 'text',
        code: 'text',
        parent_id: 'text',
        aligns_to: 'text',
        role: 'text',
        version: 'integer',
      },
      primaryKey: ['organisation_id', 'node_id'],
      versionColumn: 'version',
    },
    {
      name: 'node_documents',
      columns: {
        organisation_id: 'text',
        node_id: 'text',
        document_id: 'text',
        source_table: 'text',
        source_page: 'text',
        source_row: 'text',
      },
      primaryKey: ['organisation_id', 'document_id', 'node_id'],
    },
    {
      name: 'budgets',
      columns: {
        organisation_id: 'text',
        node_id: 'text',
        year: 'integer',
        amount_raw: 'jsonb',
        document_id: 'text',
        version: 'integer',
      },
      primaryKey: ['organisation_id', 'node_id', 'year'],
      versionColumn: 'version',
    },
    {
      name: 'indicators',
      columns: {
        organisation_id: 'text',
        indicator_id: 'text',
        node_id: 'text',
        name: 'text',
        unit: 'text',
        formula: 'text',
        polarity: 'text',
        iku: 'boolean',
        ikk: 'boolean',
        final_target_raw: 'jsonb',
        aggregation: 'text',
        data_source: 'text',
        baseline_year: 'integer',
        baseline_raw: 'jsonb',
        role: 'text',
        version: 'integer',
      },
      primaryKey: ['organisation_id', 'indicator_id'],
      versionColumn: 'version',
      indexes: [['organisation_id', 'node_id']],
    },
    {
      name: 'indicator_documents',
      columns: {
        organisation_id: 'text',
        indicator_id: 'text',
        document_id: 'text',
        source_table: 'text',
        source_page: 'text',
        source_row: 'text',
      },
      primaryKey: ['organisation_id', 'document_id', 'indicator_id'],
    },
  ],

  apply(event): RowOperation[] {
    const version = event.streamVersion;
    switch (event.type) {
      case 'OrganisationRegistered':
      case 'OrganisationDetailsChanged': {
        const d = dataOf<OrganisationDetails>(event);
        return [
          {
            type: 'upsert',
            table: 'organisations',
            key: { organisation_id: d.organisationId },
            set: { name: d.name, government: d.government ?? null, province: d.province ?? null },
            version,
          },
        ];
      }
      case 'DocumentRegistered': {
        const d = dataOf<DocumentDetails>(event);
        return [
          {
            type: 'upsert',
            table: 'documents',
            key: { organisation_id: d.organisationId, document_id: d.documentId },
            set: {
              kind: d.kind,
              title: d.title,
              legal_basis: d.legalBasis ?? null,
              issued_on: d.issuedOn ?? null,
              period_start: d.period.start,
              period_end: d.period.end,
              content_hash: d.contentHash,
              registered_at: event.storedAt,
            },
            version,
          },
        ];
      }
      case 'NodeDefined': {
        const d = dataOf<Data<NodeEvent, 'NodeDefined'>>(event);
        return [
          {
            type: 'upsert',
            table: 'nodes',
            key: { organisation_id: d.organisationId, node_id: d.nodeId },
            set: defined({
              level: d.level,
              name: d.name,
              code: d.code,
              parent_id: d.parent,
              aligns_to: d.alignsTo,
              role: d.role,
            }),
            version,
          },
          {
            type: 'insert',
            table: 'node_documents',
            row: {
              organisation_id: d.organisationId,
              node_id: d.nodeId,
              document_id: d.documentId,
              ...sourceColumns(event),
            },
          },
        ];
      }
      case 'BudgetAllocated': {
        const d = dataOf<Data<NodeEvent, 'BudgetAllocated'>>(event);
        return [
          {
            type: 'upsert',
            table: 'budgets',
            key: { organisation_id: d.organisationId, node_id: d.nodeId, year: d.year },
            set: { amount_raw: json(d.amount), document_id: d.documentId ?? null },
            version,
          },
        ];
      }
      case 'IndicatorDefined': {
        const d = dataOf<Data<IndicatorEvent, 'IndicatorDefined'>>(event);
        return [
          {
            type: 'upsert',
            table: 'indicators',
            key: { organisation_id: d.organisationId, indicator_id: d.indicatorId },
            set: defined({
              node_id: d.nodeId,
              name: d.name,
              unit: d.unit,
              formula: d.formula,
              polarity: d.polarity,
              iku: d.iku,
              ikk: d.ikk,
              final_target_raw: d.finalTarget === undefined ? undefined : json(d.finalTarget),
              aggregation: d.aggregation,
              data_source: d.dataSource,
              role: d.role,
            }),
            version,
          },
          {
            type: 'insert',
            table: 'indicator_documents',
            row: {
              organisation_id: d.organisationId,
              indicator_id: d.indicatorId,
              document_id: d.documentId,
              ...sourceColumns(event),
            },
          },
        ];
      }
      case 'BaselineSet': {
        const d = dataOf<Data<IndicatorEvent, 'BaselineSet'>>(event);
        return [
          {
            type: 'upsert',
            table: 'indicators',
            key: { organisation_id: d.organisationId, indicator_id: d.indicatorId },
            set: { baseline_year: d.year, baseline_raw: json(d.value) },
            version,
          },
        ];
      }
      default: {
        // Every other indicator event only moves the version that commands send back as expectedVersion.
        const d = (event.data ?? {}) as { organisationId?: unknown; indicatorId?: unknown };
        if (!(INDICATOR_EVENT_TYPES as readonly string[]).includes(event.type)) return [];
        return [
          {
            type: 'upsert',
            table: 'indicators',
            key: { organisation_id: String(d.organisationId), indicator_id: String(d.indicatorId) },
            set: {},
            version,
          },
        ];
      }
    }
  },
};
