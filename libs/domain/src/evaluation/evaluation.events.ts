import type { DomainEvent } from '../shared/decider';

/** One evaluation batch: what was evaluated, as of which event position, with which rule-set version. */
export interface EvaluationRecordedData {
  readonly batchId: string;
  readonly year: number;
  /** The organisations evaluated; null: every organisation on record at `asOf`. */
  readonly organisations: readonly string[] | null;
  /** The event position the facts were read as of ("commit:sequence"). */
  readonly asOf: string;
  /** The date the rules saw as `now`. */
  readonly now: string;
  readonly ruleSet: { readonly version: number; readonly hash: string };
  /** The evaluation settings in force (tolerance, deadlines, LKE weights). */
  readonly settings: unknown;
  readonly findingCount: number;
  /** Per organisation: findings by category and severity, draft LKE score and grade. */
  readonly summary: unknown;
}

/** Type names are stored forever: never rename one; add a new type instead. */
export type EvaluationEvent =
  | DomainEvent<'EvaluationRecorded', EvaluationRecordedData>
  /** Findings come in parts so that no single event grows without bound. */
  | DomainEvent<
      'FindingsRecorded',
      { readonly batchId: string; readonly part: number; readonly findings: readonly unknown[] }
    >;

export const EVALUATION_EVENT_TYPES = [
  'EvaluationRecorded',
  'FindingsRecorded',
] as const satisfies readonly EvaluationEvent['type'][];
