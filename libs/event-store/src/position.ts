/**
 * A place in the global, commit-ordered log of all events.
 *
 * SQL stores order events by (transaction id, sequence): a transaction's events become readable only
 * once every older transaction has finished, so a reader never skips an event that commits late.
 * EventStoreDB orders by (commit position, prepare position). Both fit this pair. Written as text
 * "commit:sequence" wherever it leaves the process (API responses, checkpoints shown to people).
 */
export interface Position {
  readonly commit: bigint;
  readonly sequence: bigint;
}

export const START: Position = { commit: 0n, sequence: 0n };

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.sequence !== b.sequence) return a.sequence < b.sequence ? -1 : 1;
  return 0;
}

export function formatPosition(position: Position): string {
  return `${position.commit}:${position.sequence}`;
}

export function parsePosition(text: string): Position {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  if (!match?.[1] || !match[2])
    throw new Error(`"${text}" is not an event position (expected "<commit>:<sequence>", e.g. "812:4031")`);
  return { commit: BigInt(match[1]), sequence: BigInt(match[2]) };
}

export function isPosition(text: string): boolean {
  return /^\d+:\d+$/.test(text.trim());
}

export function maxPosition(a: Position, b: Position): Position {
  return comparePositions(a, b) >= 0 ? a : b;
}
