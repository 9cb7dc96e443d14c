import type { Command } from '../shared/decider';
import type { RawValue } from '../values/document-value';
import type { IndicatorDefinition, IndicatorStatement } from './indicator.events';

interface IndicatorRef {
  readonly organisationId: string;
  readonly indicatorId: string;
}

export interface SourceDocument {
  readonly id: string;
  readonly title: string;
  readonly legalBasis?: string;
  readonly issuedOn?: string;
}

export type IndicatorCommand =
  | Command<'DefineIndicator', IndicatorDefinition & { readonly documentId: string }>
  | Command<
      'SetBaseline',
      IndicatorRef & { readonly year: number; readonly value: RawValue; readonly documentId?: string }
    >
  /** A document states the target for a year: first time it is set, afterwards a difference is a revision. */
  | Command<
      'SetTargetFromDocument',
      IndicatorRef & { readonly year: number; readonly value: RawValue; readonly document: SourceDocument }
    >
  /** A planner revises a target: reason and a legal basis or document reference are required. */
  | Command<
      'ReviseTarget',
      IndicatorRef & {
        readonly year: number;
        readonly value: RawValue;
        readonly reason: string;
        readonly legalBasis?: string;
        readonly documentReference?: string;
        readonly effectiveOn: string;
      }
    >
  | Command<
      'SetAgreementTarget',
      IndicatorRef & {
        readonly year: number;
        readonly value: RawValue;
        readonly signedOn?: string;
        readonly documentId?: string;
      }
    >
  | Command<
      'ReportRealisation',
      IndicatorRef & {
        readonly period: string;
        readonly value: RawValue | null;
        readonly target?: RawValue | null;
        readonly reportedAchievement?: RawValue;
        readonly reportedOn?: string;
        readonly documentId?: string;
      }
    >
  | Command<
      'CorrectRealisation',
      IndicatorRef & {
        readonly period: string;
        readonly value: RawValue;
        readonly reportedAchievement?: RawValue;
        readonly reason: string;
        readonly correctedOn?: string;
      }
    >
  /** A document states a value again (another table, the prose): kept as a statement. */
  | Command<'StateIndicatorValue', IndicatorStatement>;
