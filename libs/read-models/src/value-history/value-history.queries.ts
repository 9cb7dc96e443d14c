import { Queries } from '../framework/read-models';
import { presentValue, type PresentedValue } from '../framework/values';
import { planTreeProjection } from '../plan-tree/plan-tree.projection';
import type { HistoryKind } from './value-history.projection';
import { valueHistoryProjection } from './value-history.projection';

export interface HistoryEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly kind: HistoryKind;
  readonly period: string;
  readonly from: PresentedValue | null;
  readonly to: PresentedValue;
  readonly reportedAchievement: PresentedValue | null;
  readonly reason: string | null;
  readonly origin: string | null;
  readonly legalBasis: string | null;
  readonly documentReference: string | null;
  readonly document: {
    readonly id: string;
    readonly title: string | null;
    readonly kind: string | null;
    readonly legalBasis: string | null;
    readonly issuedOn: string | null;
  } | null;
  readonly source: {
    readonly table: string | null;
    readonly page: string | null;
    readonly row: string | null;
  };
  readonly effectiveOn: string | null;
  /**
   * The date the value counts from for as-of queries by effect: its effective date, else the date of its
   * document, else the first day of the document's period, else the day it was recorded.
   */
  readonly inForceFrom: string;
  readonly recordedAt: string;
  readonly actor: {
    readonly id: string | null;
    readonly kind: string | null;
    readonly role: string | null;
    readonly name: string | null;
  };
  readonly position: string;
}

/** The chain of values of one kind and period: "target 2025" from the Renstra, then each revision. */
export interface HistoryChain {
  readonly kind: HistoryKind;
  readonly period: string;
  readonly current: PresentedValue;
  readonly entries: readonly HistoryEntry[];
}

interface HistoryRow {
  event_id: string;
  event_type: string;
  kind: HistoryKind;
  period: string;
  previous_raw: unknown;
  value_raw: unknown;
  reported_achievement_raw: unknown;
  reason: string | null;
  origin: string | null;
  legal_basis: string | null;
  document_reference: string | null;
  document_id: string | null;
  effective_on: string | null;
  actor_id: string | null;
  actor_kind: string | null;
  actor_role: string | null;
  actor_name: string | null;
  recorded_at: Date | string;
  source_table: string | null;
  source_page: string | null;
  source_row: string | null;
  position_commit: string;
  position_sequence: string;
  title: string | null;
  document_kind: string | null;
  document_legal_basis: string | null;
  issued_on: string | null;
  period_start: number | null;
}

const KIND_ORDER: Record<HistoryKind, number> = { baseline: 0, target: 1, 'pk-target': 2, realisation: 3 };

export type AsOfBasis = 'recorded' | 'effective';

export class ValueHistoryQueries extends Queries {
  private async entries(organisationId: string, indicatorId: string): Promise<HistoryEntry[]> {
    const history = await this.table(valueHistoryProjection, 'value_history');
    const documents = await this.table(planTreeProjection, 'documents');
    const rows = await this.db.query<HistoryRow>(
      `SELECT h.*, h.position_commit::text AS position_commit, h.position_sequence::text AS position_sequence,
              d.title, d.kind AS document_kind, d.legal_basis AS document_legal_basis, d.issued_on, d.period_start
       FROM ${history} h LEFT JOIN ${documents} d ON d.organisation_id = h.organisation_id AND d.document_id = h.document_id
       WHERE h.organisation_id = $1 AND h.indicator_id = $2
       ORDER BY h.position_commit, h.position_sequence`,
      [organisationId, indicatorId],
    );
    const last = new Map<string, unknown>();
    return rows.map((row) => {
      const chain = `${row.kind}|${row.period}`;
      const previous = row.previous_raw ?? (row.event_type === 'TargetRevised' ? null : last.get(chain));
      last.set(chain, row.value_raw);
      return {
        eventId: row.event_id,
        eventType: row.event_type,
        kind: row.kind,
        period: row.period,
        from: previous === undefined || previous === null ? null : presentValue(previous),
        to: presentValue(row.value_raw),
        reportedAchievement:
          row.reported_achievement_raw === null ? null : presentValue(row.reported_achievement_raw),
        reason: row.reason,
        origin: row.origin,
        legalBasis: row.legal_basis ?? (row.origin === 'document' ? row.document_legal_basis : null),
        documentReference: row.document_reference,
        document: row.document_id
          ? {
              id: row.document_id,
              title: row.title,
              kind: row.document_kind,
              legalBasis: row.document_legal_basis,
              issuedOn: row.issued_on,
            }
          : null,
        source: { table: row.source_table, page: row.source_page, row: row.source_row },
        effectiveOn: row.effective_on ?? row.issued_on,
        inForceFrom:
          row.effective_on ??
          row.issued_on ??
          (row.period_start !== null
            ? `${row.period_start}-01-01`
            : new Date(row.recorded_at).toISOString().slice(0, 10)),
        recordedAt: new Date(row.recorded_at).toISOString(),
        actor: { id: row.actor_id, kind: row.actor_kind, role: row.actor_role, name: row.actor_name },
        position: `${row.position_commit}:${row.position_sequence}`,
      };
    });
  }

  /** Why did this change: every value of every period, grouped into chains, oldest first. */
  async history(organisationId: string, indicatorId: string): Promise<HistoryChain[]> {
    const chains = new Map<string, HistoryEntry[]>();
    for (const entry of await this.entries(organisationId, indicatorId)) {
      const key = `${entry.kind}|${entry.period}`;
      chains.set(key, [...(chains.get(key) ?? []), entry]);
    }
    return [...chains.values()]
      .map((entries) => ({
        kind: entries[0]!.kind,
        period: entries[0]!.period,
        current: entries[entries.length - 1]!.to,
        entries,
      }))
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.period.localeCompare(b.period));
  }

  /**
   * The values on record on a date: per kind and period, the latest entry recorded (basis "recorded")
   * or in force (basis "effective": see HistoryEntry.inForceFrom) by the end of that day.
   */
  async asOf(
    organisationId: string,
    indicatorId: string,
    date: string,
    basis: AsOfBasis = 'recorded',
  ): Promise<HistoryChain[]> {
    const endOfDay = `${date}T23:59:59.999Z`;
    const visible = (entry: HistoryEntry) =>
      basis === 'recorded' ? entry.recordedAt <= endOfDay : entry.inForceFrom <= date;
    return (await this.history(organisationId, indicatorId)).flatMap((chain): HistoryChain[] => {
      const entries = chain.entries.filter(visible);
      const last = entries[entries.length - 1];
      return last ? [{ ...chain, current: last.to, entries }] : [];
    });
  }
}
