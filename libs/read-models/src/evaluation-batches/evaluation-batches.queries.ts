import { Queries } from '../framework/read-models';
import { evaluationBatchesProjection } from './evaluation-batches.projection';

export interface StoredBatchView {
  readonly batchId: string;
  readonly year: number;
  readonly kinds: readonly string[];
  /** How many organisations were evaluated. */
  readonly organisations: number;
  /** The event position the facts were read as of. */
  readonly position: string;
  readonly ruleSetVersion: number;
  readonly document: string | null;
  readonly findings: number;
  readonly startedBy: string | null;
  /** When the batch was recorded (the command's time). */
  readonly recordedAt: string;
  /** When the store committed it. */
  readonly storedAt: string;
}

interface BatchRow {
  batch_id: string;
  year: number;
  kinds: unknown;
  organisations: number;
  as_of: string;
  rule_set_version: number;
  document_id: string | null;
  finding_count: number;
  started_by: string | null;
  recorded_at: Date | string;
  stored_at: Date | string;
}

export class EvaluationBatchesQueries extends Queries {
  /** Stored batches, newest first. */
  async list(limit: number, offset: number): Promise<{ total: number; batches: StoredBatchView[] }> {
    const t = await this.table(evaluationBatchesProjection, 'evaluation_batches');
    const [count] = await this.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${t}`);
    const rows = await this.db.query<BatchRow>(
      `SELECT * FROM ${t} ORDER BY position_commit DESC, position_sequence DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { total: Number(count?.n ?? 0), batches: rows.map(toView) };
  }

  async has(batchIds: readonly string[]): Promise<Set<string>> {
    if (batchIds.length === 0) return new Set();
    const t = await this.table(evaluationBatchesProjection, 'evaluation_batches');
    const rows = await this.db.query<{ batch_id: string }>(
      `SELECT batch_id FROM ${t} WHERE batch_id = ANY($1::text[])`,
      [batchIds],
    );
    return new Set(rows.map((r) => r.batch_id));
  }
}

function toView(row: BatchRow): StoredBatchView {
  const kinds = typeof row.kinds === 'string' ? (JSON.parse(row.kinds) as unknown) : row.kinds;
  return {
    batchId: row.batch_id,
    year: Number(row.year),
    kinds: Array.isArray(kinds) ? kinds.map(String) : [],
    organisations: Number(row.organisations),
    position: row.as_of,
    ruleSetVersion: Number(row.rule_set_version),
    document: row.document_id,
    findings: Number(row.finding_count),
    startedBy: row.started_by,
    recordedAt: new Date(row.recorded_at).toISOString(),
    storedAt: new Date(row.stored_at).toISOString(),
  };
}
