import {
  DOCUMENT_EVENT_TYPES,
  INDICATOR_EVENT_TYPES,
  NODE_EVENT_TYPES,
  ORGANISATION_EVENT_TYPES,
} from '@sakip/domain';
import type { Projection, RowOperation } from '../framework/projection';

/**
 * The facts read model: one row per organisation (its fact set), with the position of the organisation's
 * latest event and its prepared fact sets (JSON text) with the position they reflect. Applying an event
 * moves the organisation's position; the prepared fact sets are written beside it by the preparer
 * (`PreparedFacts` in the application: preparing folds the organisation's events with the rules library,
 * which read models do not depend on). A row whose prepared position is not its position is stale; a
 * batch as of position P uses a row whose position is at most P and whose prepared position equals it.
 * Bump `version` to rebuild (every row becomes stale and is prepared again).
 */
export const factsProjection: Projection = {
  name: 'facts',
  version: 1,
  description:
    'one row per organisation: its prepared fact sets (what does not depend on a batch) and the position they reflect',
  handles: [
    ...ORGANISATION_EVENT_TYPES,
    ...DOCUMENT_EVENT_TYPES,
    ...NODE_EVENT_TYPES,
    ...INDICATOR_EVENT_TYPES,
  ],
  tables: [
    {
      name: 'fact_sets',
      columns: {
        organisation_id: 'text',
        position_commit: 'bigint',
        position_sequence: 'bigint',
        prepared: 'text',
        prepared_format: 'integer',
        prepared_commit: 'bigint',
        prepared_sequence: 'bigint',
      },
      primaryKey: ['organisation_id'],
    },
  ],
  apply(event): RowOperation[] {
    // The evaluation folds what is stored under the organisation's partition: the same events move its row.
    if (!event.partitionKey) return [];
    return [
      {
        type: 'upsert',
        table: 'fact_sets',
        key: { organisation_id: event.partitionKey },
        set: {
          position_commit: event.position.commit.toString(),
          position_sequence: event.position.sequence.toString(),
        },
      },
    ];
  },
};
