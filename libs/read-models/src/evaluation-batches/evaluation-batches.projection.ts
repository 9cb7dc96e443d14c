import type { EvaluationRecordedData } from '@sakip/domain';
import { dataOf, metadataOf } from '../framework/event-helpers';
import { json, type Projection, type RowOperation } from '../framework/projection';

/** Stored evaluation batches, one row each: what the batch list of the web application shows. */
export const evaluationBatchesProjection: Projection = {
  name: 'evaluation-batches',
  version: 1,
  description:
    'evaluation batches: year, kinds, organisations, event position, rule-set version, who and when, findings',
  handles: ['EvaluationRecorded'],
  tables: [
    {
      name: 'evaluation_batches',
      columns: {
        batch_id: 'text',
        year: 'integer',
        kinds: 'jsonb',
        organisations: 'integer',
        as_of: 'text',
        rule_set_version: 'integer',
        document_id: 'text',
        finding_count: 'integer',
        started_by: 'text',
        recorded_at: 'timestamptz',
        stored_at: 'timestamptz',
        position_commit: 'bigint',
        position_sequence: 'bigint',
      },
      primaryKey: ['batch_id'],
      indexes: [['position_commit', 'position_sequence']],
    },
  ],
  apply(event): RowOperation[] {
    if (event.type !== 'EvaluationRecorded') return [];
    const d = dataOf<EvaluationRecordedData>(event);
    const metadata = metadataOf(event);
    const settings = (d.settings ?? {}) as { kinds?: unknown; document?: unknown };
    const summary = (d.summary ?? {}) as { organisations?: unknown[] };
    return [
      {
        type: 'insert',
        table: 'evaluation_batches',
        row: {
          batch_id: d.batchId,
          year: d.year,
          // Batches recorded before the two kinds ran every rule.
          kinds: json(Array.isArray(settings.kinds) ? settings.kinds : ['review', 'compliance']),
          organisations: Array.isArray(summary.organisations)
            ? summary.organisations.length
            : (d.organisations?.length ?? 0),
          as_of: d.asOf,
          rule_set_version: d.ruleSet.version,
          document_id: typeof settings.document === 'string' ? settings.document : null,
          finding_count: d.findingCount,
          started_by: metadata.actor?.name ?? metadata.actor?.id ?? null,
          recorded_at: metadata.recordedAt ?? event.storedAt,
          stored_at: event.storedAt,
          position_commit: event.position.commit.toString(),
          position_sequence: event.position.sequence.toString(),
        },
      },
    ];
  },
};
