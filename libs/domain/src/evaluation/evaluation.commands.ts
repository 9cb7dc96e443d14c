import type { Command } from '../shared/decider';
import type { EvaluationRecordedData } from './evaluation.events';

export type EvaluationCommand = Command<
  'RecordEvaluation',
  EvaluationRecordedData & { readonly findingParts: readonly (readonly unknown[])[] }
>;
