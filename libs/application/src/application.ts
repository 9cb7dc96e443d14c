import { parsePosition } from '@sakip/event-store';
import type { RunnerOptions } from '@sakip/read-models';
import { BundleImporter } from './bundles/bundle-import';
import { BundleImports } from './bundles/bundle-imports';
import { errors } from './errors/catalogue';
import { Evaluations } from './evaluations/evaluations';
import { EvaluationBatches } from './evaluations/batch-list';
import { Evaluator } from './evaluations/evaluator';
import { RuleSets } from './evaluations/rule-sets';
import { IndicatorQueries } from './indicators/indicator-queries';
import { ApiKeys } from './keys/api-keys';
import { OrganisationQueries } from './organisations/organisation-queries';
import { CommandPipeline } from './pipeline/command-pipeline';
import { PlannerCommands } from './planner/planner-commands';
import { UploadReviews } from './review/web-review';
import { RulesAdmin } from './rules-admin/rules-admin';
import { Search } from './search/search';
import type { Settings } from './settings/settings';
import { systemClock, type Clock } from './shared/clock';
import { openInfrastructure, type Infrastructure } from './wiring/infrastructure';

/** How long a read waits for the read models to reach the position it asked for (read your writes). */
export const WAIT_FOR_TIMEOUT_MS = 10_000;
/** How long `health()` waits for the store before answering that it cannot be reached. */
export const HEALTH_TIMEOUT_MS = 2_000;

/**
 * What both front doors share: the use cases and queries over one store, built once. The HTTP API
 * (apps/api) and the command line (apps/cli) call these and nothing below them.
 */
export interface Application {
  readonly settings: Settings;
  readonly clock: Clock;
  /** The store, the read models and the projector, for what only operators do (project, relay). */
  readonly infrastructure: Infrastructure;
  readonly bundles: BundleImports;
  readonly planner: PlannerCommands;
  readonly indicators: IndicatorQueries;
  readonly organisations: OrganisationQueries;
  readonly keys: ApiKeys;
  readonly evaluations: Evaluations;
  /** The batch list and a finding's page (the web application). */
  readonly batches: EvaluationBatches;
  /** The rule catalogue, history, facts, schema and compared dry runs (the web application). */
  readonly rulesAdmin: RulesAdmin;
  /** A document reviewed before it is submitted; nothing stored. */
  readonly reviews: UploadReviews;
  readonly search: Search;
  /** Whether the store answers (within HEALTH_TIMEOUT_MS); STORE_UNAVAILABLE (503) when not. Says nothing of paths or hosts. */
  health(): Promise<{ status: 'ok' }>;
  /** Waits until the read models reached a position a command returned ("commit:sequence"); READ_MODELS_BEHIND after WAIT_FOR_TIMEOUT_MS. */
  readModelsAt(position: string): Promise<void>;
  /** Runs the projector in this process when the settings say so (always on the embedded store). */
  startProjector(): void;
  stopProjector(): Promise<void>;
  /** Stops the projector and closes the store. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Time enters the application here (tests pass a fixed clock). */
  readonly clock?: Clock;
  readonly applicationName?: string;
  readonly poolSize?: number;
  readonly projector?: RunnerOptions;
}

/** Opens the store and wires every use case: the one place services are constructed. */
export async function openApplication(settings: Settings, options: OpenOptions = {}): Promise<Application> {
  const clock = options.clock ?? systemClock;
  const infrastructure = await openInfrastructure(settings, options);
  const { store, readModels, projector } = infrastructure;
  const pipeline = new CommandPipeline(store);
  const ruleSets = new RuleSets(pipeline);
  const evaluations = new Evaluations(
    new Evaluator(store, readModels, projector),
    ruleSets,
    store,
    settings.evaluation,
    clock,
  );
  return {
    settings,
    clock,
    infrastructure,
    bundles: new BundleImports(new BundleImporter(store), clock),
    planner: new PlannerCommands(pipeline, readModels, clock, store),
    indicators: new IndicatorQueries(readModels, settings.achievement),
    organisations: new OrganisationQueries(readModels),
    keys: new ApiKeys(pipeline, clock),
    evaluations,
    batches: new EvaluationBatches(evaluations, readModels, store, clock),
    rulesAdmin: new RulesAdmin(evaluations, store, settings.evaluation, clock),
    reviews: new UploadReviews(evaluations, settings.evaluation, clock),
    search: new Search(readModels),
    async health() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), HEALTH_TIMEOUT_MS);
      });
      try {
        await Promise.race([store.headPosition(), timeout]);
      } catch {
        throw errors.storeUnavailable();
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const };
    },
    async readModelsAt(position) {
      if (!(await projector.waitFor(parsePosition(position), WAIT_FOR_TIMEOUT_MS)))
        throw errors.readModelsBehind(position, WAIT_FOR_TIMEOUT_MS / 1000);
    },
    startProjector() {
      if (settings.inProcessProjector) projector.start();
    },
    stopProjector: () => projector.stop(),
    async close() {
      await projector.stop();
      await infrastructure.close();
    },
  };
}
