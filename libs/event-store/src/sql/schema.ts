import { ident } from './sql-database';

/**
 * The event log. Same DDL for PGlite and PostgreSQL.
 *
 * `position` is a sequence, but sequences are handed out before commit, so they do not tell the commit
 * order: a transaction that took position 10 may commit after one that took 11. Readers therefore order
 * by (transaction_id, position) and only read transactions older than the oldest one still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`): everything before that high-water mark has committed or
 * rolled back, so nothing can appear behind a reader's checkpoint later.
 */
export function eventStoreDdl(schemaName: string): string {
  const s = ident(schemaName);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  position       bigint GENERATED ALWAYS AS IDENTITY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id       uuid NOT NULL,
  stream_id      text NOT NULL,
  stream_version integer NOT NULL,
  partition_key  text,
  type           text NOT NULL,
  data           jsonb NOT NULL,
  metadata       jsonb NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
  CONSTRAINT events_stream_version_positive CHECK (stream_version > 0)
);
CREATE INDEX IF NOT EXISTS events_commit_order ON ${s}.events (transaction_id, position);
CREATE INDEX IF NOT EXISTS events_partition ON ${s}.events (partition_key, position);
`;
}
