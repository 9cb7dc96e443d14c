import type { DocumentValue } from './document-value';
import { gradeRank } from './grade';

export type Polarity = 'higher-is-better' | 'lower-is-better' | 'range';
export const POLARITIES: readonly Polarity[] = ['higher-is-better', 'lower-is-better', 'range'];

/**
 * Two conventions for "lower is better" are in use in LKjIPs; which one a government follows is a setting.
 * - `inverse-difference`: (target − (realisation − target)) / target × 100 = (2·target − realisation) / target × 100
 * - `ratio`: target / realisation × 100
 */
export type LowerIsBetterConvention = 'inverse-difference' | 'ratio';

export interface AchievementSettings {
  readonly lowerIsBetter: LowerIsBetterConvention;
}

export const DEFAULT_ACHIEVEMENT_SETTINGS: AchievementSettings = { lowerIsBetter: 'inverse-difference' };

export type NotComputableReason =
  | 'target-missing'
  | 'realisation-missing'
  | 'target-unparseable'
  | 'realisation-unparseable'
  | 'target-zero'
  | 'realisation-zero'
  /** A negative target or realisation: a percentage of it means nothing ("-1582 %"); the rules flag the value. */
  | 'negative-value'
  | 'grade-and-number';

export type Achievement =
  | { readonly kind: 'computed'; readonly percent: number; readonly method: string }
  | { readonly kind: 'not-computable'; readonly reason: NotComputableReason };

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Capaian (achievement, %) of a realisation against its target.
 * - higher-is-better: realisation / target × 100
 * - lower-is-better: by the configured convention
 * - range: 100 − |realisation − target| / target × 100 (any deviation, up or down, lowers it)
 * - grades (AA…D): the ratio of their positions on the scale (D = 1 … AA = 7) × 100,
 *   so meeting the grade is 100 and each grade short of it costs a step.
 */
export function computeAchievement(
  target: DocumentValue,
  realisation: DocumentValue,
  polarity: Polarity,
  settings: AchievementSettings = DEFAULT_ACHIEVEMENT_SETTINGS,
): Achievement {
  if (target.kind === 'empty') return { kind: 'not-computable', reason: 'target-missing' };
  if (realisation.kind === 'empty') return { kind: 'not-computable', reason: 'realisation-missing' };
  if (target.kind === 'unparseable') return { kind: 'not-computable', reason: 'target-unparseable' };
  if (realisation.kind === 'unparseable')
    return { kind: 'not-computable', reason: 'realisation-unparseable' };
  if (target.kind === 'grade' && realisation.kind === 'grade') {
    const t = gradeRank(target.grade) + 1;
    const r = gradeRank(realisation.grade) + 1;
    const percent = polarity === 'lower-is-better' ? (t / r) * 100 : (r / t) * 100;
    return { kind: 'computed', percent: round(percent), method: 'grade-scale' };
  }
  if (target.kind !== 'number' || realisation.kind !== 'number') {
    return { kind: 'not-computable', reason: 'grade-and-number' };
  }
  const t = target.value;
  const r = realisation.value;
  if (t < 0 || r < 0) return { kind: 'not-computable', reason: 'negative-value' };
  switch (polarity) {
    case 'higher-is-better':
      if (t === 0) return { kind: 'not-computable', reason: 'target-zero' };
      return { kind: 'computed', percent: round((r / t) * 100), method: 'realisation/target' };
    case 'lower-is-better':
      if (settings.lowerIsBetter === 'ratio') {
        if (r === 0) return { kind: 'not-computable', reason: 'realisation-zero' };
        return { kind: 'computed', percent: round((t / r) * 100), method: 'target/realisation' };
      }
      if (t === 0) return { kind: 'not-computable', reason: 'target-zero' };
      return {
        kind: 'computed',
        percent: round(((2 * t - r) / t) * 100),
        method: '(2·target−realisation)/target',
      };
    case 'range':
      if (t === 0) return { kind: 'not-computable', reason: 'target-zero' };
      return {
        kind: 'computed',
        percent: round(100 - (Math.abs(r - t) / t) * 100),
        method: '100−|realisation−target|/target',
      };
    default: {
      const never: never = polarity;
      return never;
    }
  }
}

export interface Bilingual {
  readonly id: string;
  readonly en: string;
}

export interface AchievementBand {
  /** Inclusive lower bound, in percent. */
  readonly min: number;
  readonly label: Bilingual;
}

/** Ordered from the highest band down; the last band should have the lowest `min`. */
export interface AchievementScale {
  readonly name: string;
  readonly reference: string;
  readonly bands: readonly AchievementBand[];
}

/**
 * The five-interval scale commonly used to classify capaian in LKjIP tables (the same intervals
 * Permendagri 86/2017 uses for evaluating plan results). It is configuration: a government may set its own.
 */
export const DEFAULT_ACHIEVEMENT_SCALE: AchievementScale = {
  name: 'lkjip-five-interval',
  reference:
    'Permendagri 86/2017 (skala nilai peringkat kinerja); dipakai pada tabel capaian LKjIP (PermenPANRB 53/2014)',
  bands: [
    { min: 91, label: { id: 'Sangat Tinggi', en: 'Very high' } },
    { min: 76, label: { id: 'Tinggi', en: 'High' } },
    { min: 66, label: { id: 'Sedang', en: 'Medium' } },
    { min: 51, label: { id: 'Rendah', en: 'Low' } },
    { min: Number.NEGATIVE_INFINITY, label: { id: 'Sangat Rendah', en: 'Very low' } },
  ],
};

export function categoriseAchievement(
  percent: number,
  scale: AchievementScale = DEFAULT_ACHIEVEMENT_SCALE,
): Bilingual {
  for (const band of scale.bands) if (percent >= band.min) return band.label;
  const last = scale.bands[scale.bands.length - 1];
  if (!last) throw new Error(`achievement scale ${scale.name} has no bands`);
  return last.label;
}
