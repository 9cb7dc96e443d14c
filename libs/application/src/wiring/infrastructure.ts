import { openStore, type OpenedStore } from '@sakip/event-store';
import {
  createProjector,
  ReadModels,
  type AchievementConfig,
  type ProjectorRunner,
  type RunnerOptions,
} from '@sakip/read-models';
import { loadAchievementConfig } from '../settings/achievement-config';
import { loadEvaluationConfig, type EvaluationConfig } from '../settings/evaluation-config';
import type { Settings } from '../settings/settings';

/** The database, the event store, the read models and the settings of one process. */
export interface Infrastructure extends OpenedStore {
  readonly settings: Settings;
  readonly readModels: ReadModels;
  /**
   * Keeps the read models up to date. Always there (it also answers "have the read models reached
   * position X?"); it runs its loop only where this process projects (see Settings.inProcessProjector).
   */
  readonly projector: ProjectorRunner;
  readonly achievement: AchievementConfig;
  readonly evaluation: EvaluationConfig;
}

export async function openInfrastructure(
  settings: Settings,
  options: { applicationName?: string; poolSize?: number; projector?: RunnerOptions } = {},
): Promise<Infrastructure> {
  const achievement = loadAchievementConfig(settings.achievementConfigFile);
  const evaluation = loadEvaluationConfig(settings.evaluationConfigFile);
  const opened = await openStore(settings, options);
  try {
    const projector = createProjector(opened, options.projector);
    await projector.initialise();
    return {
      ...opened,
      settings,
      readModels: new ReadModels(opened.db, opened.schema),
      projector,
      achievement,
      evaluation,
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
