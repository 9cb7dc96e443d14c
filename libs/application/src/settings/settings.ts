import {
  kafkaSettingsFromEnv,
  storeSettingsFromEnv,
  type KafkaRelaySettings,
  type StoreSettings,
} from '@sakip/event-store';
import type { AchievementConfig } from '@sakip/read-models';
import { loadAchievementConfig } from './achievement-config';
import { loadEvaluationConfig, type EvaluationConfig } from './evaluation-config';

export type Language = 'id' | 'en';

/**
 * Everything a sakip process is configured with, read once from the environment and the files it names
 * (README, "Configuration"). Nothing else reads process.env.
 */
export interface Settings extends StoreSettings {
  /** PORT: HTTP port of the API. */
  readonly port: number;
  /** HOST: the address the API listens on (127.0.0.1: this machine only; 0.0.0.0: every interface). */
  readonly host: string;
  /** SAKIP_FAILED_KEYS_PER_MINUTE: wrong API keys one address may send per minute before it gets 429. */
  readonly failedKeysPerMinute: number;
  /** SAKIP_MAX_BUNDLE_MB: the largest bundle `POST /bundles` reads, in bytes (commands: 64 KiB). */
  readonly maxBundleBytes: number;
  /** SAKIP_LANG: language of command-line messages. */
  readonly language: Language;
  /** SAKIP_PROJECTOR=external (PostgreSQL only): a separate projector process keeps the read models. */
  readonly inProcessProjector: boolean;
  /** SAKIP_PROJECTOR_BATCH: events per projector batch. */
  readonly projectorBatchSize: number;
  /**
   * SAKIP_ACHIEVEMENT_CONFIG: the lower-is-better convention and the achievement scale. The one home of
   * both: the API's computed achievement and the evaluation rules read them from here.
   */
  readonly achievement: AchievementConfig;
  /** SAKIP_EVALUATION_CONFIG: tolerance, deadlines (per government), LKE weights; lowerIsBetter from `achievement`. */
  readonly evaluation: EvaluationConfig;
  /** KAFKA_BROKERS, SAKIP_KAFKA_TOPIC: where `sakip relay` publishes the event log (absent: no relay). */
  readonly kafka?: KafkaRelaySettings;
  /** SAKIP_DEBUG: the CLI prints stack traces. */
  readonly debug: boolean;
}

/**
 * The settings from the environment (the store's own variables: see storeSettingsFromEnv):
 *   PORT                      HTTP port of the API (default 3000)
 *   HOST                      address the API listens on (default 127.0.0.1)
 *   SAKIP_FAILED_KEYS_PER_MINUTE  wrong API keys per address and minute before 429 (default 20)
 *   SAKIP_MAX_BUNDLE_MB       largest bundle POST /bundles accepts, in MB (default 50)
 *   SAKIP_LANG                language of command-line messages: en (default) or id
 *   SAKIP_PROJECTOR           "external" when a separate projector process keeps the read models (PostgreSQL only)
 *   SAKIP_PROJECTOR_BATCH     events per projector batch (default 2000)
 *   SAKIP_ACHIEVEMENT_CONFIG  JSON file: lower-is-better convention and achievement category scale
 *   SAKIP_EVALUATION_CONFIG   JSON file: evaluation tolerance, deadlines (per government), LKE weights
 *   KAFKA_BROKERS, SAKIP_KAFKA_TOPIC  the Kafka relay
 *   SAKIP_DEBUG               stack traces on the command line
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  const store = storeSettingsFromEnv(env);
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  const host = env['HOST'] || '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host))
    throw new Error(`HOST must be an address such as 127.0.0.1 or 0.0.0.0, not "${host}"`);
  const maxBundleMb = Number(env['SAKIP_MAX_BUNDLE_MB'] ?? 50);
  if (!(maxBundleMb > 0 && maxBundleMb <= 1024))
    throw new Error(
      `SAKIP_MAX_BUNDLE_MB must be a number of megabytes between 0 and 1024, not "${env['SAKIP_MAX_BUNDLE_MB']}"`,
    );
  const failedKeysPerMinute = Number(env['SAKIP_FAILED_KEYS_PER_MINUTE'] ?? 20);
  if (!Number.isInteger(failedKeysPerMinute) || failedKeysPerMinute < 1)
    throw new Error(
      `SAKIP_FAILED_KEYS_PER_MINUTE must be a positive integer, not "${env['SAKIP_FAILED_KEYS_PER_MINUTE']}"`,
    );
  const projectorBatchSize = Number(env['SAKIP_PROJECTOR_BATCH'] ?? 2000);
  if (!Number.isInteger(projectorBatchSize) || projectorBatchSize < 1)
    throw new Error(
      `SAKIP_PROJECTOR_BATCH must be a positive integer, not "${env['SAKIP_PROJECTOR_BATCH']}"`,
    );
  const achievement = loadAchievementConfig(env['SAKIP_ACHIEVEMENT_CONFIG'] || undefined);
  const kafka = kafkaSettingsFromEnv(env);
  return {
    ...store,
    port,
    host,
    failedKeysPerMinute,
    maxBundleBytes: Math.round(maxBundleMb * 1024 * 1024),
    language: env['SAKIP_LANG'] === 'id' ? 'id' : 'en',
    inProcessProjector: !(env['SAKIP_PROJECTOR'] === 'external' && store.databaseUrl),
    projectorBatchSize,
    achievement,
    evaluation: loadEvaluationConfig(env['SAKIP_EVALUATION_CONFIG'] || undefined, achievement),
    ...(kafka ? { kafka } : {}),
    debug: Boolean(env['SAKIP_DEBUG']),
  };
}
