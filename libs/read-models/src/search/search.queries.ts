import { Queries } from '../framework/read-models';
import { planTreeProjection } from '../plan-tree/plan-tree.projection';

export type SearchKind = 'organisation' | 'document' | 'node' | 'indicator';

export interface SearchHit {
  readonly kind: SearchKind;
  readonly organisation: string;
  readonly id: string;
  readonly code?: string;
  readonly name: string;
  /** The document the node or indicator appears in (the first, by id), when known. */
  readonly document?: string;
}

/** `%` and `_` are literal in what people type; `\` escapes them in LIKE. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Organisations, documents, nodes and indicators by name or code (case-insensitive, substring), from the
 * plan-tree read model: exact ids and codes first, then by kind and name.
 */
export class SearchQueries extends Queries {
  async search(
    text: string,
    options: { limit: number; organisations?: readonly string[] },
  ): Promise<SearchHit[]> {
    const tables = await this.tablesOf(planTreeProjection);
    const [organisations, documents, nodes, nodeDocuments, indicators, indicatorDocuments] = [
      tables.get('organisations')!,
      tables.get('documents')!,
      tables.get('nodes')!,
      tables.get('node_documents')!,
      tables.get('indicators')!,
      tables.get('indicator_documents')!,
    ];
    const scope = options.organisations ? [...options.organisations] : null;
    const rows = await this.db.query<{
      kind: SearchKind;
      organisation: string;
      id: string;
      code: string | null;
      name: string;
      document: string | null;
    }>(
      `SELECT h.kind, h.organisation, h.id, h.code, h.name,
              CASE h.kind
                WHEN 'node' THEN (SELECT min(m.document_id) FROM ${nodeDocuments} m
                                   WHERE m.organisation_id = h.organisation AND m.node_id = h.id)
                WHEN 'indicator' THEN (SELECT min(m.document_id) FROM ${indicatorDocuments} m
                                        WHERE m.organisation_id = h.organisation AND m.indicator_id = h.id)
              END AS document
         FROM (
           SELECT * FROM (
             SELECT 'organisation' AS kind, o.organisation_id AS organisation, o.organisation_id AS id,
                    NULL AS code, o.name AS name, lower(o.organisation_id) = lower($1) AS exact, 0 AS rank
               FROM ${organisations} o
              WHERE (o.name ILIKE $2 OR o.organisation_id ILIKE $2)
             UNION ALL
             SELECT 'document', d.organisation_id, d.document_id, d.kind, d.title, lower(d.document_id) = lower($1), 1
               FROM ${documents} d
              WHERE (d.title ILIKE $2 OR d.document_id ILIKE $2)
             UNION ALL
             SELECT 'node', n.organisation_id, n.node_id, n.code, n.name,
                    lower(coalesce(n.code, '')) = lower($1) OR lower(n.node_id) = lower($1), 2
               FROM ${nodes} n
              WHERE (n.name ILIKE $2 OR n.code ILIKE $2 OR n.node_id ILIKE $2)
             UNION ALL
             SELECT 'indicator', i.organisation_id, i.indicator_id, NULL, i.name, lower(i.indicator_id) = lower($1), 3
               FROM ${indicators} i
              WHERE (i.name ILIKE $2 OR i.indicator_id ILIKE $2)
           ) hits
           WHERE $3::text[] IS NULL OR organisation = ANY($3::text[])
           ORDER BY exact DESC, rank, lower(name), organisation, id
           LIMIT $4
         ) h
        ORDER BY h.exact DESC, h.rank, lower(h.name), h.organisation, h.id`,
      [text, likePattern(text), scope, options.limit],
    );
    return rows.map((r) => ({
      kind: r.kind,
      organisation: r.organisation,
      id: r.id,
      ...(r.code !== null ? { code: r.code } : {}),
      name: r.name,
      ...(r.document !== null ? { document: r.document } : {}),
    }));
  }
}
