import {
  periodViewsAsOf,
  type AchievementConfig,
  type AsOfBasis,
  type HistoryChain,
  type IndicatorView,
  type OrganisationView,
  type PeriodView,
  type ReadModels,
  type StatementGroup,
} from '@sakip/read-models';
import { errors } from '../errors/catalogue';
import { resolveIndicatorRef, type IndicatorRef } from '../planner/indicator-ref';

export interface IndicatorDetail {
  readonly organisation: OrganisationView | null;
  readonly indicator: IndicatorView;
  /** Present when the periods show a past date's values instead of today's. */
  readonly asOf: { readonly date: string; readonly basis: AsOfBasis } | null;
  readonly periods: readonly PeriodView[];
  /** Every statement the documents make about the indicator, per field and period, conflicts marked. */
  readonly statements: readonly StatementGroup[];
}

export interface IndicatorHistory {
  readonly organisation: OrganisationView | null;
  readonly indicator: IndicatorView;
  /** Revisions: changes between documents or by planners. */
  readonly chains: readonly HistoryChain[];
  /** Statements: what each document says, which may differ within one document without being a revision. */
  readonly statements: readonly StatementGroup[];
}

export interface AsOf {
  readonly date: string;
  readonly basis: AsOfBasis;
}

/** A past date's values, by recording date unless said otherwise; none without a date. */
export function asOf(date: string | undefined, basis: AsOfBasis | undefined): AsOf | undefined {
  return date ? { date, basis: basis ?? 'recorded' } : undefined;
}

/** Indicator reads for the API and the CLI. */
export class IndicatorQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly achievement: AchievementConfig,
  ) {}

  async detail(ref: string, asOf?: AsOf): Promise<IndicatorDetail> {
    const { resolved, indicator } = await this.find(ref);
    const periods = asOf
      ? periodViewsAsOf(
          await this.readModels.valueHistory.asOf(
            resolved.organisationId,
            resolved.indicatorId,
            asOf.date,
            asOf.basis,
          ),
          indicator.polarity,
          this.achievement,
        )
      : await this.readModels.indicatorPeriods.periods(
          resolved.organisationId,
          resolved.indicatorId,
          indicator.polarity,
          this.achievement,
        );
    return {
      organisation: (await this.readModels.planTree.organisation(resolved.organisationId)) ?? null,
      indicator,
      asOf: asOf ?? null,
      periods,
      statements: await this.readModels.statements.of(resolved.organisationId, resolved),
    };
  }

  async history(ref: string, asOf?: AsOf): Promise<IndicatorHistory> {
    const { resolved, indicator } = await this.find(ref);
    const chains = asOf
      ? await this.readModels.valueHistory.asOf(
          resolved.organisationId,
          resolved.indicatorId,
          asOf.date,
          asOf.basis,
        )
      : await this.readModels.valueHistory.history(resolved.organisationId, resolved.indicatorId);
    return {
      organisation: (await this.readModels.planTree.organisation(resolved.organisationId)) ?? null,
      indicator,
      chains,
      statements: await this.readModels.statements.of(resolved.organisationId, resolved),
    };
  }

  private async find(ref: string): Promise<{ resolved: IndicatorRef; indicator: IndicatorView }> {
    const resolved = await resolveIndicatorRef(ref, this.readModels);
    const indicator = await this.readModels.planTree.indicator(resolved.organisationId, resolved.indicatorId);
    if (!indicator) throw errors.unknownIndicator(resolved.organisationId, resolved.indicatorId);
    return { resolved, indicator };
  }
}
