import { readFileSync } from 'node:fs';
import type { default as Ajv, ValidateFunction } from 'ajv';
import { DEFAULT_ACHIEVEMENT_CONFIG, type AchievementConfig } from '@sakip/read-models';
import {
  DEFAULT_LKE,
  DEFAULT_SETTINGS,
  type EvaluationSettings,
  type LkeSettings,
} from '@sakip/rules/defaults';

const deadlines = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dpaApproved: { type: 'string', pattern: '^\\d{2}-\\d{2}$' },
    pkMonthsAfterDpa: { type: 'integer', minimum: 0, maximum: 12 },
    lkjip: { type: 'string', pattern: '^(\\d{2}-\\d{2}|end-of-february)$' },
    quarterlyReportWorkingDays: { type: 'integer', minimum: 0, maximum: 90 },
  },
};

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    achievementTolerance: { type: 'number', minimum: 0 },
    deadlines,
    governments: { type: 'object', additionalProperties: deadlines },
    lke: {
      type: 'object',
      additionalProperties: false,
      properties: {
        components: { type: 'object' },
        severityWeights: {
          type: 'object',
          additionalProperties: false,
          required: ['high', 'medium', 'low'],
          properties: { high: { type: 'number' }, medium: { type: 'number' }, low: { type: 'number' } },
        },
      },
    },
  },
};

/** ajv, loaded by the first check: loading it takes a tenth of a second that commands checking nothing need not spend. */
const ajvClass = (): typeof Ajv => (module.require('ajv') as typeof import('ajv')).default;
// Compiled when a file is first read: most processes run with the defaults, and compiling costs start-up time.
let compiled: ValidateFunction | undefined;
const validator = (): ValidateFunction =>
  (compiled ??= new (ajvClass())({ allErrors: true }).compile(schema));

export interface EvaluationConfig {
  readonly settings: EvaluationSettings;
  readonly lke: LkeSettings;
}

/**
 * Evaluation settings: SAKIP_EVALUATION_CONFIG names a JSON file with any of `achievementTolerance`,
 * `deadlines`, `governments` (deadlines per government) and `lke` (component weights, severity weights);
 * the rest keeps the defaults (docs/evaluation.md). The lower-is-better convention is not here: rules
 * compute achievement as the API does, with the convention of the achievement configuration.
 */
export function loadEvaluationConfig(
  path: string | undefined,
  achievement: AchievementConfig = DEFAULT_ACHIEVEMENT_CONFIG,
): EvaluationConfig {
  const lowerIsBetter = achievement.settings.lowerIsBetter;
  if (!path) return { settings: { ...DEFAULT_SETTINGS, lowerIsBetter }, lke: DEFAULT_LKE };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`SAKIP_EVALUATION_CONFIG ${path}: ${(error as Error).message}`);
  }
  if ('lowerIsBetter' in parsed)
    throw new Error(
      `SAKIP_EVALUATION_CONFIG ${path}: "lowerIsBetter" belongs in the achievement configuration (SAKIP_ACHIEVEMENT_CONFIG), so that the API and the rules compute achievement alike`,
    );
  const validate = validator();
  if (!validate(parsed))
    throw new Error(
      `SAKIP_EVALUATION_CONFIG ${path} is not valid: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`).join('; ')}`,
    );
  const lke = parsed['lke'] as Partial<LkeSettings> | undefined;
  return {
    settings: {
      ...DEFAULT_SETTINGS,
      ...(parsed as Partial<EvaluationSettings>),
      lowerIsBetter,
      deadlines: { ...DEFAULT_SETTINGS.deadlines, ...((parsed['deadlines'] as object | undefined) ?? {}) },
    },
    lke: { ...DEFAULT_LKE, ...(lke ?? {}) },
  };
}
