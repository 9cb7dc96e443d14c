import { openStore, type OpenedStore } from '@sakip/event-store';
import type { Settings } from './settings';

/** The database, the event store and the settings of one process. */
export interface Infrastructure extends OpenedStore {
  readonly settings: Settings;
}

export async function openInfrastructure(
  settings: Settings,
  options: { applicationName?: string; poolSize?: number } = {},
): Promise<Infrastructure> {
  return { ...(await openStore(settings, options)), settings };
}
