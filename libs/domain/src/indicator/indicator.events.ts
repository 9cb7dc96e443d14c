import type { DomainEvent } from '../shared/decider';
import type { Aggregation, ItemRole, StatementSource } from '../shared/streams';
import type { Polarity } from '../values/achievement';
import type { RawValue } from '../values/document-value';

/** A performance indicator as a document defines it. Values are kept exactly as printed. */
export interface IndicatorDefinition {
  readonly organisationId: string;
  readonly indicatorId: string;
  readonly nodeId: string;
  readonly name: string;
  readonly unit?: string;
  readonly formula?: string;
  readonly polarity?: Polarity;
  readonly iku?: boolean;
  readonly ikk?: boolean;
  readonly finalTarget?: RawValue;
  readonly aggregation?: Aggregation;
  readonly dataSource?: string;
  /** Absent: `plan`. */
  readonly role?: ItemRole;
}

/** The fields a document can state more than once (bundle format 2, `statements` and repeated rows). */
export const STATEMENT_FIELDS = [
  'target',
  'finalTarget',
  'baseline',
  'unit',
  'name',
  'formula',
  'agreement',
  'realisation',
] as const;
export type StatementField = (typeof STATEMENT_FIELDS)[number];

/**
 * One more statement of a value by a document, besides its primary one: the same target in another
 * table, a PK target in the prose, a realisation repeated in a comparison table. All are kept; two
 * statements of one document never make a revision.
 */
export interface IndicatorStatement {
  readonly organisationId: string;
  readonly indicatorId: string;
  readonly documentId: string;
  readonly field: StatementField;
  /** target, baseline, agreement. */
  readonly year?: number;
  /** realisation. */
  readonly period?: string;
  /** As printed; null when the row has no such cell. */
  readonly value: RawValue | null;
  /** realisation: the target printed in the same row. */
  readonly rowTarget?: RawValue | null;
  /** realisation: the capaian printed in the same row. */
  readonly reportedAchievement?: RawValue | null;
  readonly signedOn?: string;
  readonly source?: StatementSource;
}

interface IndicatorRef {
  readonly organisationId: string;
  readonly indicatorId: string;
}

/** Why a target changed: a later document, or a planner's revision with its legal basis. */
export type RevisionOrigin = 'document' | 'planner';

/** Type names are stored forever: never rename one; add a new type instead. */
export type IndicatorEvent =
  /** Document `documentId` defines the indicator; a later document that defines it differently emits it again. */
  | DomainEvent<'IndicatorDefined', IndicatorDefinition & { readonly documentId: string }>
  | DomainEvent<
      'BaselineSet',
      IndicatorRef & { readonly year: number; readonly value: RawValue; readonly documentId?: string }
    >
  | DomainEvent<
      'TargetSet',
      IndicatorRef & { readonly year: number; readonly value: RawValue; readonly documentId: string }
    >
  | DomainEvent<
      'TargetRevised',
      IndicatorRef & {
        readonly year: number;
        /** null when the year had no target before. */
        readonly previous: RawValue | null;
        readonly value: RawValue;
        readonly reason: string;
        readonly origin: RevisionOrigin;
        readonly legalBasis?: string;
        readonly documentReference?: string;
        readonly documentId?: string;
        readonly effectiveOn?: string;
      }
    >
  | DomainEvent<
      'AgreementTargetSet',
      IndicatorRef & {
        readonly year: number;
        readonly value: RawValue;
        readonly previous?: RawValue;
        readonly signedOn?: string;
        readonly documentId?: string;
      }
    >
  | DomainEvent<
      'RealisationReported',
      IndicatorRef & {
        readonly period: string;
        /** null: the report's row prints a target and capaian but no realisation cell (format 2). */
        readonly value: RawValue | null;
        /** The target printed in the same row (format 2). */
        readonly target?: RawValue | null;
        readonly reportedAchievement?: RawValue;
        readonly reportedOn?: string;
        readonly documentId?: string;
      }
    >
  | DomainEvent<
      'RealisationCorrected',
      IndicatorRef & {
        readonly period: string;
        readonly previous: RawValue | null;
        readonly value: RawValue;
        readonly reportedAchievement?: RawValue;
        readonly reason: string;
        readonly correctedOn?: string;
      }
    >
  | DomainEvent<'IndicatorValueStated', IndicatorStatement>;

export const INDICATOR_EVENT_TYPES = [
  'IndicatorDefined',
  'BaselineSet',
  'TargetSet',
  'TargetRevised',
  'AgreementTargetSet',
  'RealisationReported',
  'RealisationCorrected',
  'IndicatorValueStated',
] as const satisfies readonly IndicatorEvent['type'][];
