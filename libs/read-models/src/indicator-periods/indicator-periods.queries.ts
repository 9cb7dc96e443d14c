import {
  categoriseAchievement,
  comparePeriods,
  computeAchievement,
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_ACHIEVEMENT_SETTINGS,
  interpretValue,
  parsePeriod,
  type AchievementScale,
  type AchievementSettings,
  type Bilingual,
  type NotComputableReason,
  type Polarity,
} from '@sakip/domain';
import { Queries } from '../framework/read-models';
import { presentValue, rawOf, type PresentedValue } from '../framework/values';
import type { HistoryChain } from '../value-history/value-history.queries';
import { indicatorPeriodsProjection, periodColumns } from './indicator-periods.projection';

export interface AchievementConfig {
  readonly settings: AchievementSettings;
  readonly scale: AchievementScale;
}

export const DEFAULT_ACHIEVEMENT_CONFIG: AchievementConfig = {
  settings: DEFAULT_ACHIEVEMENT_SETTINGS,
  scale: DEFAULT_ACHIEVEMENT_SCALE,
};

export interface PeriodView {
  readonly period: string;
  readonly year: number | null;
  readonly periodKind: string | null;
  /** For a quarter, semester or month: measured against the year's target. */
  readonly target: PresentedValue | null;
  readonly targetRevised: boolean;
  readonly agreementTarget: PresentedValue | null;
  readonly agreementSignedOn: string | null;
  readonly realisation: PresentedValue | null;
  readonly realisationCorrected: boolean;
  readonly reportedOn: string | null;
  readonly reportedAchievement: PresentedValue | null;
  readonly computedAchievement:
    | {
        readonly percent: number;
        readonly method: string;
        readonly category: Bilingual;
        readonly against: 'target' | 'annual-target';
      }
    | { readonly notComputable: NotComputableReason }
    | null;
}

interface PeriodRow {
  organisation_id: string;
  indicator_id: string;
  period: string;
  year: number | null;
  period_kind: string | null;
  target_raw: unknown;
  target_revised: boolean | null;
  pk_target_raw: unknown;
  pk_signed_on: string | null;
  realisation_raw: unknown;
  reported_achievement_raw: unknown;
  reported_on: string | null;
  realisation_corrected: boolean | null;
}

const present = (raw: unknown) => (raw === null || raw === undefined ? null : presentValue(raw));

export class IndicatorPeriodsQueries extends Queries {
  async rows(organisationId: string, indicatorId?: string): Promise<PeriodRow[]> {
    const t = await this.table(indicatorPeriodsProjection, 'indicator_periods');
    return this.db.query<PeriodRow>(
      `SELECT * FROM ${t} WHERE organisation_id = $1 AND ($2::text IS NULL OR indicator_id = $2) ORDER BY indicator_id, period`,
      [organisationId, indicatorId ?? null],
    );
  }

  /** Every period of an indicator, with computed achievement by its polarity and the configured scale. */
  async periods(
    organisationId: string,
    indicatorId: string,
    polarity: Polarity,
    config: AchievementConfig = DEFAULT_ACHIEVEMENT_CONFIG,
  ): Promise<PeriodView[]> {
    return toPeriodViews(await this.rows(organisationId, indicatorId), polarity, config);
  }
}

export function toPeriodViews(
  rows: readonly PeriodRow[],
  polarity: Polarity,
  config: AchievementConfig,
): PeriodView[] {
  const annualTarget = new Map<number, unknown>();
  for (const row of rows)
    if (row.period_kind === 'year' && row.year !== null && row.target_raw !== null)
      annualTarget.set(row.year, row.target_raw);
  const sorted = [...rows].sort((a, b) => {
    const pa = parsePeriod(a.period);
    const pb = parsePeriod(b.period);
    return pa && pb ? comparePeriods(pa, pb) : a.period.localeCompare(b.period);
  });
  return sorted.map((row) => {
    const ownTarget = row.target_raw ?? null;
    const fallback =
      row.period_kind !== 'year' && ownTarget === null && row.year !== null
        ? annualTarget.get(row.year)
        : undefined;
    const targetRaw = ownTarget ?? fallback ?? null;
    let computed: PeriodView['computedAchievement'] = null;
    if (row.realisation_raw !== null && row.realisation_raw !== undefined) {
      const achievement = computeAchievement(
        interpretValue(rawOf(targetRaw)),
        interpretValue(rawOf(row.realisation_raw)),
        polarity,
        config.settings,
      );
      computed =
        achievement.kind === 'computed'
          ? {
              percent: achievement.percent,
              method: achievement.method,
              category: categoriseAchievement(achievement.percent, config.scale),
              against: fallback === undefined ? 'target' : 'annual-target',
            }
          : { notComputable: achievement.reason };
    }
    return {
      period: row.period,
      year: row.year,
      periodKind: row.period_kind,
      target: present(targetRaw),
      targetRevised: row.target_revised ?? false,
      agreementTarget: present(row.pk_target_raw),
      agreementSignedOn: row.pk_signed_on,
      realisation: present(row.realisation_raw),
      realisationCorrected: row.realisation_corrected ?? false,
      reportedOn: row.reported_on,
      reportedAchievement: present(row.reported_achievement_raw),
      computedAchievement: computed,
    };
  });
}

/**
 * The per-period table as it stood at a past date, rebuilt from the value history (see
 * ValueHistoryQueries.asOf): the same shape and achievement computation as today's table.
 */
export function periodViewsAsOf(
  chains: readonly HistoryChain[],
  polarity: Polarity,
  config: AchievementConfig = DEFAULT_ACHIEVEMENT_CONFIG,
): PeriodView[] {
  const rows = new Map<string, PeriodRow>();
  const rowOf = (period: string): PeriodRow => {
    let row = rows.get(period);
    if (!row) {
      row = {
        organisation_id: '',
        indicator_id: '',
        period,
        ...periodColumns(period),
        target_raw: null,
        target_revised: false,
        pk_target_raw: null,
        pk_signed_on: null,
        realisation_raw: null,
        reported_achievement_raw: null,
        reported_on: null,
        realisation_corrected: false,
      };
      rows.set(period, row);
    }
    return row;
  };
  for (const chain of chains) {
    const last = chain.entries[chain.entries.length - 1];
    if (!last) continue;
    if (chain.kind === 'target') {
      const row = rowOf(chain.period);
      row.target_raw = chain.current.raw;
      row.target_revised = chain.entries.some((e) => e.eventType === 'TargetRevised');
    } else if (chain.kind === 'pk-target') {
      const row = rowOf(chain.period);
      row.pk_target_raw = chain.current.raw;
      row.pk_signed_on = last.effectiveOn;
    } else if (chain.kind === 'realisation') {
      const row = rowOf(chain.period);
      row.realisation_raw = chain.current.raw;
      row.reported_achievement_raw = last.reportedAchievement?.raw ?? null;
      row.reported_on = last.effectiveOn;
      row.realisation_corrected = chain.entries.some((e) => e.eventType === 'RealisationCorrected');
    }
  }
  return toPeriodViews([...rows.values()], polarity, config);
}
