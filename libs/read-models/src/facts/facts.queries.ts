import { comparePositions, type Position } from '@sakip/event-store';
import { Queries } from '../framework/read-models';
import { factsProjection } from './facts.projection';

/** An organisation's row of the facts read model. */
export interface FactSetRow {
  readonly organisationId: string;
  /** Position of the organisation's latest event the read model has applied. */
  readonly position: Position;
  /** Prepared fact sets (JSON text) and the position they reflect; null when not prepared yet. */
  readonly prepared: string | null;
  readonly preparedFormat: number | null;
  readonly preparedPosition: Position | null;
}

interface Raw {
  organisation_id: string;
  position_commit: string;
  position_sequence: string;
  prepared?: string | null;
  prepared_format: number | null;
  prepared_commit: string | null;
  prepared_sequence: string | null;
}

const position = (commit: string, sequence: string): Position => ({
  commit: BigInt(commit),
  sequence: BigInt(sequence),
});

const toRow = (r: Raw): FactSetRow => ({
  organisationId: r.organisation_id,
  position: position(r.position_commit, r.position_sequence),
  prepared: r.prepared ?? null,
  preparedFormat: r.prepared_format === null ? null : Number(r.prepared_format),
  preparedPosition:
    r.prepared_commit === null || r.prepared_sequence === null
      ? null
      : position(r.prepared_commit, r.prepared_sequence),
});

/**
 * The prepared fact sets of a row as of `asOf`, when they are: the organisation has no event after `asOf`
 * on the row (so its events up to `asOf` are the ones the row reflects) and the preparation reflects them.
 */
export function preparedAsOf(row: FactSetRow, asOf: Position, format: number): string | undefined {
  if (row.prepared === null || row.preparedPosition === null || row.preparedFormat !== format)
    return undefined;
  if (comparePositions(row.position, asOf) > 0) return undefined;
  return comparePositions(row.preparedPosition, row.position) === 0 ? row.prepared : undefined;
}

const COLUMNS =
  'organisation_id, position_commit::text, position_sequence::text, prepared_format, prepared_commit::text, prepared_sequence::text';

export class FactsQueries extends Queries {
  /** The rows of these organisations (with their prepared fact sets), in the order asked. */
  async rows(organisations: readonly string[]): Promise<FactSetRow[]> {
    const table = await this.table(factsProjection, 'fact_sets');
    const rows = await this.db.query<Raw>(
      `SELECT ${COLUMNS}, prepared FROM ${table} WHERE organisation_id = ANY($1::text[])`,
      [organisations],
    );
    const byId = new Map(rows.map((r) => [r.organisation_id, toRow(r)]));
    return organisations.flatMap((o) => byId.get(o) ?? []);
  }

  /**
   * Organisations whose prepared fact sets are missing, of another format or behind their position (only
   * those whose position is at most `upTo`, when given), without the prepared text.
   */
  async stale(format: number, options: { upTo?: Position; organisations?: readonly string[] } = {}) {
    const table = await this.table(factsProjection, 'fact_sets');
    const rows = await this.db.query<Raw>(
      `SELECT ${COLUMNS} FROM ${table}
       WHERE (prepared IS NULL OR prepared_format IS DISTINCT FROM $1
              OR (prepared_commit, prepared_sequence) IS DISTINCT FROM (position_commit, position_sequence))
         AND ($2::bigint IS NULL OR (position_commit, position_sequence) <= ($2::bigint, $3::bigint))
         AND ($4::text[] IS NULL OR organisation_id = ANY($4::text[]))
       ORDER BY organisation_id`,
      [
        format,
        options.upTo?.commit.toString() ?? null,
        options.upTo?.sequence.toString() ?? null,
        options.organisations ?? null,
      ],
    );
    return rows.map(toRow);
  }

  /**
   * Stores prepared fact sets, each with the position it reflects. A row the projector has moved past that
   * position meanwhile keeps the preparation (it stays stale and is prepared again).
   */
  async store(
    prepared: readonly { organisationId: string; prepared: string; format: number; position: Position }[],
  ): Promise<void> {
    if (prepared.length === 0) return;
    const table = await this.table(factsProjection, 'fact_sets');
    await this.db.query(
      `UPDATE ${table} AS t SET prepared = p.prepared, prepared_format = p.format,
              prepared_commit = p.commit, prepared_sequence = p.sequence
       FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::bigint[]) AS p(organisation_id, prepared, format, commit, sequence)
       WHERE t.organisation_id = p.organisation_id`,
      [
        prepared.map((p) => p.organisationId),
        prepared.map((p) => p.prepared),
        prepared.map((p) => p.format),
        prepared.map((p) => p.position.commit.toString()),
        prepared.map((p) => p.position.sequence.toString()),
      ],
    );
  }
}
