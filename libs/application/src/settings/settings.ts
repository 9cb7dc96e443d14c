import { storeSettingsFromEnv, type StoreSettings } from '@sakip/event-store';

export type Language = 'id' | 'en';

export interface Settings extends StoreSettings {
  readonly port: number;
  readonly language: Language;
  /** Run the projector inside the API process (default; always needed on the embedded store). */
  readonly inProcessProjector: boolean;
  /** JSON file with the achievement convention and category scale (see loadAchievementConfig). */
  readonly achievementConfigFile?: string;
  /** JSON file with evaluation settings: tolerance, deadlines per government, LKE weights. */
  readonly evaluationConfigFile?: string;
}

/**
 * Everything comes from the environment (see also storeSettingsFromEnv):
 *   PORT             HTTP port of the API (default 3000)
 *   SAKIP_LANG       language of command-line messages: en (default) or id
 *   SAKIP_PROJECTOR  "external" when a separate projector process keeps the read models (PostgreSQL only)
 *   SAKIP_ACHIEVEMENT_CONFIG  JSON file: lower-is-better convention and achievement category scale
 *   SAKIP_EVALUATION_CONFIG   JSON file: evaluation tolerance, deadlines (per government), LKE weights
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  const store = storeSettingsFromEnv(env);
  return {
    ...store,
    port,
    language: env['SAKIP_LANG'] === 'id' ? 'id' : 'en',
    inProcessProjector: !(env['SAKIP_PROJECTOR'] === 'external' && store.databaseUrl),
    ...(env['SAKIP_ACHIEVEMENT_CONFIG'] ? { achievementConfigFile: env['SAKIP_ACHIEVEMENT_CONFIG'] } : {}),
    ...(env['SAKIP_EVALUATION_CONFIG'] ? { evaluationConfigFile: env['SAKIP_EVALUATION_CONFIG'] } : {}),
  };
}
