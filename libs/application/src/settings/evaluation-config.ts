import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { DEFAULT_LKE, DEFAULT_SETTINGS, type EvaluationSettings, type LkeSettings } from '@sakip/rules';

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
    lowerIsBetter: { enum: ['inverse-difference', 'ratio'] },
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

const validate = new Ajv({ allErrors: true }).compile(schema);

export interface EvaluationConfig {
  readonly settings: EvaluationSettings;
  readonly lke: LkeSettings;
}

/**
 * Evaluation settings: SAKIP_EVALUATION_CONFIG names a JSON file with any of `achievementTolerance`,
 * `lowerIsBetter`, `deadlines`, `governments` (deadlines per government) and `lke` (component weights,
 * severity weights); the rest keeps the defaults (docs/evaluation.md).
 */
export function loadEvaluationConfig(path: string | undefined): EvaluationConfig {
  if (!path) return { settings: DEFAULT_SETTINGS, lke: DEFAULT_LKE };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`SAKIP_EVALUATION_CONFIG ${path}: ${(error as Error).message}`);
  }
  if (!validate(parsed))
    throw new Error(
      `SAKIP_EVALUATION_CONFIG ${path} is not valid: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`).join('; ')}`,
    );
  const lke = parsed['lke'] as Partial<LkeSettings> | undefined;
  return {
    settings: {
      ...DEFAULT_SETTINGS,
      ...(parsed as Partial<EvaluationSettings>),
      deadlines: { ...DEFAULT_SETTINGS.deadlines, ...((parsed['deadlines'] as object | undefined) ?? {}) },
    },
    lke: { ...DEFAULT_LKE, ...(lke ?? {}) },
  };
}
