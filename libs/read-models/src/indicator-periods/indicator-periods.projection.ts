import { parsePeriod, type IndicatorEvent } from '@sakip/domain';
import { dataOf } from '../framework/event-helpers';
import { json, type Projection, type Row, type RowOperation } from '../framework/projection';

type Data<T extends IndicatorEvent['type']> = Extract<IndicatorEvent, { type: T }>['data'];

export const periodColumns = (period: string) => {
  const parsed = parsePeriod(period);
  return { year: parsed?.year ?? null, period_kind: parsed?.kind ?? null };
};

/** Periods are few ("2025", "2025-Q1", …): each is parsed once, not once per event. */
const knownPeriods = new Map<string, ReturnType<typeof periodColumns>>();
function cachedPeriodColumns(period: string): ReturnType<typeof periodColumns> {
  let columns = knownPeriods.get(period);
  if (!columns) {
    if (knownPeriods.size >= 10_000) knownPeriods.clear();
    columns = periodColumns(period);
    knownPeriods.set(period, columns);
  }
  return columns;
}

/** One row per indicator and period (a year, quarter, semester or month): target, PK target, realisation. */
export const indicatorPeriodsProjection: Projection = {
  name: 'indicator-periods',
  version: 1,
  description:
    'per indicator and period: current target, PK target, realisation and reported achievement (raw values)',
  handles: [
    'TargetSet',
    'TargetRevised',
    'AgreementTargetSet',
    'RealisationReported',
    'RealisationCorrected',
  ],
  tables: [
    {
      name: 'indicator_periods',
      columns: {
        organisation_id: 'text',
        indicator_id: 'text',
        period: 'text',
        year: 'integer',
        period_kind: 'text',
        target_raw: 'jsonb',
        target_document_id: 'text',
        target_revised: 'boolean',
        pk_target_raw: 'jsonb',
        pk_signed_on: 'text',
        pk_document_id: 'text',
        realisation_raw: 'jsonb',
        reported_achievement_raw: 'jsonb',
        reported_on: 'text',
        realisation_document_id: 'text',
        realisation_corrected: 'boolean',
        version: 'integer',
      },
      primaryKey: ['organisation_id', 'indicator_id', 'period'],
      versionColumn: 'version',
    },
  ],

  apply(event): RowOperation[] {
    const version = event.streamVersion;
    const row = (d: { organisationId: string; indicatorId: string }, period: string) => ({
      organisation_id: d.organisationId,
      indicator_id: d.indicatorId,
      period,
    });
    const upsert = (key: ReturnType<typeof row>, set: Row): RowOperation => ({
      type: 'upsert',
      table: 'indicator_periods',
      key,
      set: { ...cachedPeriodColumns(key.period), ...set },
      version,
    });
    switch (event.type) {
      case 'TargetSet': {
        const d = dataOf<Data<'TargetSet'>>(event);
        return [
          upsert(row(d, String(d.year)), {
            target_raw: json(d.value),
            target_document_id: d.documentId,
            target_revised: false,
          }),
        ];
      }
      case 'TargetRevised': {
        const d = dataOf<Data<'TargetRevised'>>(event);
        return [
          upsert(row(d, String(d.year)), {
            target_raw: json(d.value),
            target_document_id: d.documentId ?? null,
            target_revised: true,
          }),
        ];
      }
      case 'AgreementTargetSet': {
        const d = dataOf<Data<'AgreementTargetSet'>>(event);
        return [
          upsert(row(d, String(d.year)), {
            pk_target_raw: json(d.value),
            pk_signed_on: d.signedOn ?? null,
            pk_document_id: d.documentId ?? null,
          }),
        ];
      }
      case 'RealisationReported': {
        const d = dataOf<Data<'RealisationReported'>>(event);
        return [
          upsert(row(d, d.period), {
            realisation_raw: json(d.value),
            reported_achievement_raw: json(d.reportedAchievement),
            reported_on: d.reportedOn ?? null,
            realisation_document_id: d.documentId ?? null,
            realisation_corrected: false,
          }),
        ];
      }
      case 'RealisationCorrected': {
        const d = dataOf<Data<'RealisationCorrected'>>(event);
        return [
          upsert(row(d, d.period), {
            realisation_raw: json(d.value),
            ...(d.reportedAchievement === undefined
              ? {}
              : { reported_achievement_raw: json(d.reportedAchievement) }),
            realisation_corrected: true,
          }),
        ];
      }
      default:
        return [];
    }
  },
};
