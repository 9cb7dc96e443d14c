import type { IndicatorEvent } from '@sakip/domain';
import type { StoredEvent } from '@sakip/event-store';
import { dataOf, metadataOf, sourceColumns } from '../framework/event-helpers';
import { json, type Projection, type RowOperation } from '../framework/projection';

type Data<T extends IndicatorEvent['type']> = Extract<IndicatorEvent, { type: T }>['data'];

export type HistoryKind = 'baseline' | 'target' | 'pk-target' | 'realisation';

/**
 * Every value ever recorded for an indicator — baselines, targets and their revisions, PK targets,
 * realisations and corrections — with who, when, why, on what basis and from where. Answers
 * "why did this target change" and "what was on record on date X".
 */
export const valueHistoryProjection: Projection = {
  name: 'value-history',
  version: 1,
  description:
    'every recorded value of every indicator and period, with reason, legal basis, source, actor and time',
  handles: [
    'BaselineSet',
    'TargetSet',
    'TargetRevised',
    'AgreementTargetSet',
    'RealisationReported',
    'RealisationCorrected',
  ],
  tables: [
    {
      name: 'value_history',
      columns: {
        event_id: 'text',
        organisation_id: 'text',
        indicator_id: 'text',
        kind: 'text',
        period: 'text',
        event_type: 'text',
        previous_raw: 'jsonb',
        value_raw: 'jsonb',
        reported_achievement_raw: 'jsonb',
        reason: 'text',
        origin: 'text',
        legal_basis: 'text',
        document_reference: 'text',
        document_id: 'text',
        effective_on: 'text',
        actor_id: 'text',
        actor_kind: 'text',
        actor_role: 'text',
        actor_name: 'text',
        recorded_at: 'timestamptz',
        source_table: 'text',
        source_page: 'text',
        source_row: 'text',
        position_commit: 'bigint',
        position_sequence: 'bigint',
      },
      primaryKey: ['event_id'],
      indexes: [['organisation_id', 'indicator_id', 'position_commit', 'position_sequence']],
    },
  ],

  apply(event): RowOperation[] {
    const entry = historyEntry(event);
    if (!entry) return [];
    const metadata = metadataOf(event);
    return [
      {
        type: 'insert',
        table: 'value_history',
        row: {
          event_id: event.id,
          event_type: event.type,
          organisation_id: entry.organisationId,
          indicator_id: entry.indicatorId,
          kind: entry.kind,
          period: entry.period,
          previous_raw: json(entry.previous),
          value_raw: json(entry.value),
          reported_achievement_raw: json(entry.reportedAchievement),
          reason: entry.reason ?? null,
          origin: entry.origin ?? null,
          legal_basis: entry.legalBasis ?? null,
          document_reference: entry.documentReference ?? null,
          document_id: entry.documentId ?? metadata.provenance?.documentId ?? null,
          effective_on: entry.effectiveOn ?? null,
          actor_id: metadata.actor?.id ?? null,
          actor_kind: metadata.actor?.kind ?? null,
          actor_role: metadata.actor?.role ?? null,
          actor_name: metadata.actor?.name ?? null,
          recorded_at: metadata.recordedAt ?? event.storedAt,
          ...sourceColumns(event),
          position_commit: Number(event.position.commit),
          position_sequence: Number(event.position.sequence),
        },
      },
    ];
  },
};

interface Entry {
  organisationId: string;
  indicatorId: string;
  kind: HistoryKind;
  period: string;
  previous?: unknown;
  value: unknown;
  reportedAchievement?: unknown;
  reason?: string;
  origin?: string;
  legalBasis?: string;
  documentReference?: string;
  documentId?: string;
  effectiveOn?: string;
}

/** The fields of an event's data an entry uses, read one by one (no copy of the whole data per event). */
function entryOf(d: Partial<Entry>, kind: HistoryKind, period: string | undefined): Entry {
  return {
    organisationId: d.organisationId!,
    indicatorId: d.indicatorId!,
    kind,
    period: period!,
    previous: d.previous,
    value: d.value,
    reportedAchievement: d.reportedAchievement,
    reason: d.reason,
    origin: d.origin,
    legalBasis: d.legalBasis,
    documentReference: d.documentReference,
    documentId: d.documentId,
    effectiveOn: d.effectiveOn,
  };
}

function historyEntry(event: StoredEvent): Entry | undefined {
  switch (event.type) {
    case 'BaselineSet': {
      const d = dataOf<Data<'BaselineSet'>>(event);
      return entryOf(d, 'baseline', String(d.year));
    }
    case 'TargetSet': {
      const d = dataOf<Data<'TargetSet'>>(event);
      const entry = entryOf(d, 'target', String(d.year));
      entry.origin = 'document';
      return entry;
    }
    case 'TargetRevised': {
      const d = dataOf<Data<'TargetRevised'>>(event);
      return entryOf(d, 'target', String(d.year));
    }
    case 'AgreementTargetSet': {
      const d = dataOf<Data<'AgreementTargetSet'>>(event);
      const entry = entryOf(d, 'pk-target', String(d.year));
      if (d.signedOn) entry.effectiveOn = d.signedOn;
      return entry;
    }
    case 'RealisationReported': {
      const d = dataOf<Data<'RealisationReported'>>(event);
      const entry = entryOf(d, 'realisation', d.period);
      if (d.reportedOn) entry.effectiveOn = d.reportedOn;
      return entry;
    }
    case 'RealisationCorrected': {
      const d = dataOf<Data<'RealisationCorrected'>>(event);
      const entry = entryOf(d, 'realisation', d.period);
      entry.origin = 'correction';
      if (d.correctedOn) entry.effectiveOn = d.correctedOn;
      return entry;
    }
    default:
      return undefined;
  }
}
