import { readFileSync } from 'node:fs';
import type { default as Ajv, ValidateFunction } from 'ajv';
import { DEFAULT_ACHIEVEMENT_SCALE, DEFAULT_ACHIEVEMENT_SETTINGS } from '@sakip/domain';
import { DEFAULT_ACHIEVEMENT_CONFIG, type AchievementConfig } from '@sakip/read-models';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lowerIsBetter: { enum: ['inverse-difference', 'ratio'] },
    scale: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'bands'],
      properties: {
        name: { type: 'string', minLength: 1 },
        reference: { type: 'string' },
        bands: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['min', 'label'],
            properties: {
              min: { type: ['number', 'null'] },
              label: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'en'],
                properties: { id: { type: 'string' }, en: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

interface AchievementFile {
  lowerIsBetter?: 'inverse-difference' | 'ratio';
  scale?: {
    name: string;
    reference?: string;
    bands: { min: number | null; label: { id: string; en: string } }[];
  };
}

/** ajv, loaded by the first check: loading it takes a tenth of a second that commands checking nothing need not spend. */
const ajvClass = (): typeof Ajv => (module.require('ajv') as typeof import('ajv')).default;
// Compiled when a file is first read: most processes run with the defaults, and compiling costs start-up time.
let compiled: ValidateFunction<AchievementFile> | undefined;
const validator = (): ValidateFunction<AchievementFile> =>
  (compiled ??= new (ajvClass())({ allErrors: true }).compile<AchievementFile>(schema));

/**
 * How achievement is computed and categorised: SAKIP_ACHIEVEMENT_CONFIG names a JSON file with
 * `lowerIsBetter` ("inverse-difference" | "ratio") and/or `scale` ({ name, reference, bands: [{ min, label }] },
 * highest band first; `min: null` is the open lowest band). Without it the defaults apply.
 */
export function loadAchievementConfig(path: string | undefined): AchievementConfig {
  if (!path) return DEFAULT_ACHIEVEMENT_CONFIG;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`SAKIP_ACHIEVEMENT_CONFIG ${path}: ${(error as Error).message}`);
  }
  const validate = validator();
  if (!validate(parsed)) {
    const problems = (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`,
    );
    throw new Error(`SAKIP_ACHIEVEMENT_CONFIG ${path} is not valid: ${problems.join('; ')}`);
  }
  const bands = parsed.scale?.bands.map((b) => ({ min: b.min ?? Number.NEGATIVE_INFINITY, label: b.label }));
  for (let i = 1; bands && i < bands.length; i++)
    if (bands[i]!.min >= bands[i - 1]!.min)
      throw new Error(`SAKIP_ACHIEVEMENT_CONFIG ${path}: scale bands must go from the highest "min" down`);
  return {
    settings: {
      ...DEFAULT_ACHIEVEMENT_SETTINGS,
      ...(parsed.lowerIsBetter ? { lowerIsBetter: parsed.lowerIsBetter } : {}),
    },
    scale:
      parsed.scale && bands
        ? { name: parsed.scale.name, reference: parsed.scale.reference ?? '', bands }
        : DEFAULT_ACHIEVEMENT_SCALE,
  };
}
