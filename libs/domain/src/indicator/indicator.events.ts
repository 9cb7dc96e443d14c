import type { DomainEvent } from '../shared/decider';
import type { Aggregation } from '../shared/streams';
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
        readonly value: RawValue;
        readonly reportedAchievement?: RawValue;
        readonly reportedOn?: string;
        readonly documentId?: string;
      }
    >
  | DomainEvent<
      'RealisationCorrected',
      IndicatorRef & {
        readonly period: string;
        readonly previous: RawValue;
        readonly value: RawValue;
        readonly reportedAchievement?: RawValue;
        readonly reason: string;
        readonly correctedOn?: string;
      }
    >;

export const INDICATOR_EVENT_TYPES = [
  'IndicatorDefined',
  'BaselineSet',
  'TargetSet',
  'TargetRevised',
  'AgreementTargetSet',
  'RealisationReported',
  'RealisationCorrected',
] as const satisfies readonly IndicatorEvent['type'][];
