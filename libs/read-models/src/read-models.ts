import type { EventStore, SqlDatabase } from '@sakip/event-store';
import { FactsQueries } from './facts/facts.queries';
import { ReadModelCatalog } from './framework/catalog';
import { ProjectorRunner, type RunnerOptions } from './framework/runner';
import { EvaluationBatchesQueries } from './evaluation-batches/evaluation-batches.queries';
import { IndicatorPeriodsQueries } from './indicator-periods/indicator-periods.queries';
import { PlanTreeQueries } from './plan-tree/plan-tree.queries';
import { SearchQueries } from './search/search.queries';
import { StatementsQueries } from './statements/statements.queries';
import { SubmissionsQueries } from './submissions/submissions.queries';
import { ValueHistoryQueries } from './value-history/value-history.queries';
import { PROJECTIONS } from './projections';

/** The projector for every read model, on the store's database (schema "<schema>_read"). */
export function createProjector(
  opened: { db: SqlDatabase; store: EventStore; schema: string },
  options: RunnerOptions = {},
): ProjectorRunner {
  return new ProjectorRunner(
    new ReadModelCatalog(opened.db, opened.schema),
    opened.store,
    PROJECTIONS,
    options,
  );
}

/** The queries of every read model. */
export class ReadModels {
  readonly catalog: ReadModelCatalog;
  readonly planTree: PlanTreeQueries;
  readonly indicatorPeriods: IndicatorPeriodsQueries;
  readonly valueHistory: ValueHistoryQueries;
  readonly submissions: SubmissionsQueries;
  readonly statements: StatementsQueries;
  readonly evaluationBatches: EvaluationBatchesQueries;
  readonly search: SearchQueries;
  readonly facts: FactsQueries;

  constructor(db: SqlDatabase, schema: string) {
    this.catalog = new ReadModelCatalog(db, schema);
    this.planTree = new PlanTreeQueries(this.catalog);
    this.indicatorPeriods = new IndicatorPeriodsQueries(this.catalog);
    this.valueHistory = new ValueHistoryQueries(this.catalog);
    this.submissions = new SubmissionsQueries(this.catalog);
    this.statements = new StatementsQueries(this.catalog);
    this.evaluationBatches = new EvaluationBatchesQueries(this.catalog);
    this.search = new SearchQueries(this.catalog);
    this.facts = new FactsQueries(this.catalog);
  }
}
