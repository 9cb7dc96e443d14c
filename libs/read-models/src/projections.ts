import { factsProjection } from './facts/facts.projection';
import type { Projection } from './framework/projection';
import { evaluationBatchesProjection } from './evaluation-batches/evaluation-batches.projection';
import { indicatorPeriodsProjection } from './indicator-periods/indicator-periods.projection';
import { planTreeProjection } from './plan-tree/plan-tree.projection';
import { statementsProjection } from './statements/statements.projection';
import { submissionsProjection } from './submissions/submissions.projection';
import { valueHistoryProjection } from './value-history/value-history.projection';

/** Every read model the projector keeps. */
export const PROJECTIONS: readonly Projection[] = [
  planTreeProjection,
  indicatorPeriodsProjection,
  valueHistoryProjection,
  submissionsProjection,
  statementsProjection,
  evaluationBatchesProjection,
  factsProjection,
];
