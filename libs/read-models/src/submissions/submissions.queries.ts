import { Queries } from '../framework/read-models';
import { planTreeProjection } from '../plan-tree/plan-tree.projection';
import { submissionsProjection } from './submissions.projection';

export interface SubmissionView {
  readonly organisationId: string;
  readonly kind: string;
  readonly year: number;
  readonly submittedOn: string;
  readonly document: { readonly id: string; readonly title: string | null } | null;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
}

export class SubmissionsQueries extends Queries {
  async list(organisationId?: string, year?: number): Promise<SubmissionView[]> {
    const submissions = await this.table(submissionsProjection, 'submissions');
    const documents = await this.table(planTreeProjection, 'documents');
    const rows = await this.db.query<{
      organisation_id: string;
      kind: string;
      year: number;
      submitted_on: string;
      document_id: string | null;
      title: string | null;
      recorded_at: Date | string;
      actor_name: string | null;
    }>(
      `SELECT s.organisation_id, s.kind, s.year, s.submitted_on, s.document_id, d.title, s.recorded_at, s.actor_name
       FROM ${submissions} s LEFT JOIN ${documents} d ON d.organisation_id = s.organisation_id AND d.document_id = s.document_id
       WHERE ($1::text IS NULL OR s.organisation_id = $1) AND ($2::int IS NULL OR s.year = $2)
       ORDER BY s.organisation_id, s.year, s.kind, s.submitted_on`,
      [organisationId ?? null, year ?? null],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      kind: r.kind,
      year: r.year,
      submittedOn: r.submitted_on,
      document: r.document_id ? { id: r.document_id, title: r.title } : null,
      recordedAt: new Date(r.recorded_at).toISOString(),
      recordedBy: r.actor_name,
    }));
  }
}
