import { openStore, type OpenedStore } from '@sakip/event-store';
import { createProjector, ReadModels, type ProjectorRunner, type RunnerOptions } from '@sakip/read-models';
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
}

export async function openInfrastructure(
  settings: Settings,
  options: { applicationName?: string; poolSize?: number; projector?: RunnerOptions } = {},
): Promise<Infrastructure> {
  const opened = await openStore(settings, options);
  try {
    const projector = createProjector(opened, {
      batchSize: settings.projectorBatchSize,
      ...options.projector,
    });
    await projector.initialise();
    return {
      ...opened,
      settings,
      readModels: new ReadModels(opened.db, opened.schema),
      projector,
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
