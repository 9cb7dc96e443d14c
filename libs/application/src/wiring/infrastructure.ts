import { openStore, type OpenedStore } from '@sakip/event-store';
import { createProjector, ReadModels, type ProjectorRunner, type RunnerOptions } from '@sakip/read-models';
import { errors } from '../errors/catalogue';
import type { Settings } from '../settings/settings';

/** Why a database could not be reached, as a person can act on it (never a password). */
function unreachable(settings: Settings, error: unknown): unknown {
  const url = settings.databaseUrl;
  const code = (error as { code?: string }).code ?? '';
  const connecting =
    /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|28P01|28000|3D000)$/.test(
      code,
    ) || /timeout|terminated|connect/i.test((error as Error).message ?? '');
  if (!url || !connecting) return error;
  let shown = '(not a URL)';
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    shown = parsed.toString();
  } catch {
    // keep "(not a URL)"
  }
  return errors.databaseUnreachable(shown, (error as Error).message ?? String(error));
}

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
  let opened: OpenedStore;
  try {
    opened = await openStore(settings, options);
  } catch (error) {
    throw unreachable(settings, error);
  }
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
