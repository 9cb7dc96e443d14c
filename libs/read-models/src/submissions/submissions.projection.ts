import type { OrganisationEvent } from '@sakip/domain';
import { dataOf, metadataOf } from '../framework/event-helpers';
import type { Projection, RowOperation } from '../framework/projection';

type Submitted = Extract<OrganisationEvent, { type: 'DocumentSubmitted' }>['data'];

/** Which document was submitted when, per organisation and year. */
export const submissionsProjection: Projection = {
  name: 'submissions',
  version: 1,
  description: 'documents handed in (Renstra, Renja, PK, LKjIP) per organisation and year, with the date',
  handles: ['DocumentSubmitted'],
  tables: [
    {
      name: 'submissions',
      columns: {
        event_id: 'text',
        organisation_id: 'text',
        kind: 'text',
        year: 'integer',
        submitted_on: 'text',
        document_id: 'text',
        recorded_at: 'timestamptz',
        actor_name: 'text',
      },
      primaryKey: ['event_id'],
      indexes: [['organisation_id', 'year']],
    },
  ],
  apply(event): RowOperation[] {
    if (event.type !== 'DocumentSubmitted') return [];
    const d = dataOf<Submitted>(event);
    const metadata = metadataOf(event);
    return [
      {
        type: 'insert',
        table: 'submissions',
        row: {
          event_id: event.id,
          organisation_id: d.organisationId,
          kind: d.kind,
          year: d.year,
          submitted_on: d.submittedOn,
          document_id: d.documentId ?? null,
          recorded_at: metadata.recordedAt ?? event.storedAt,
          actor_name: metadata.actor?.name ?? metadata.actor?.id ?? null,
        },
      },
    ];
  },
};
