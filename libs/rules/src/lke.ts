import { gradeForScore, type Grade } from '@sakip/domain';
import {
  DEFECT_CLASSES,
  type Bilingual,
  type ClassGroup,
  type RuleCategory,
  type RuleFile,
  type Severity,
} from './rule';
import type { RuleStats } from './rule-set';

export interface LkeComponent {
  readonly label: Bilingual;
  /** Weight in the LKE total (PermenPANRB 88/2021: 30, 30, 15, 25). */
  readonly weight: number;
  /** Defect-class groups (sakip-defects/1) whose rules check this component. */
  readonly classGroups?: readonly ClassGroup[];
  /** Batches stored before defect classes: rule categories that checked this component. */
  readonly categories?: readonly RuleCategory[];
}

export interface LkeSettings {
  readonly components: Readonly<Record<string, LkeComponent>>;
  readonly severityWeights: Readonly<Record<Severity, number>>;
}

export const DEFAULT_LKE: LkeSettings = {
  components: {
    perencanaan: {
      label: { id: 'Perencanaan Kinerja', en: 'Performance planning' },
      weight: 30,
      classGroups: ['SMART', 'cascading', 'budget'],
    },
    pengukuran: {
      label: { id: 'Pengukuran Kinerja', en: 'Performance measurement' },
      weight: 30,
      classGroups: ['consistency'],
    },
    pelaporan: {
      label: { id: 'Pelaporan Kinerja', en: 'Performance reporting' },
      weight: 15,
      classGroups: ['reporting', 'timeliness', 'compliance'],
    },
    evaluasi: {
      label: { id: 'Evaluasi Akuntabilitas Kinerja Internal', en: 'Internal accountability evaluation' },
      weight: 25,
      classGroups: [],
    },
  },
  severityWeights: { high: 3, medium: 2, low: 1 },
};

export interface LkeScore {
  readonly components: {
    readonly id: string;
    readonly label: Bilingual;
    readonly weight: number;
    /** 0–100, or null when no rule checks this component (it is then left out of the total). */
    readonly score: number | null;
    readonly rulesApplied: number;
  }[];
  readonly total: number;
  readonly grade: Grade;
  readonly method: Bilingual;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A draft LKE score: per component, the severity-weighted share of checks passed
 * (Σ w·(1 − fired/evaluated) / Σ w over its rules), then the weighted mean over the components that
 * rules can check, graded on the PermenPANRB 88/2021 bands (lower bound excluded).
 */
export function lkeScore(
  rules: readonly RuleFile[],
  stats: RuleStats,
  settings: LkeSettings = DEFAULT_LKE,
): LkeScore {
  const components = Object.entries(settings.components).map(([id, component]) => {
    let weighted = 0;
    let weights = 0;
    let applied = 0;
    for (const rule of rules) {
      const checks = component.classGroups
        ? rule.class !== undefined && component.classGroups.includes(DEFECT_CLASSES[rule.class])
        : (component.categories ?? []).includes(rule.category);
      if (!checks) continue;
      const s = stats.get(rule.id);
      if (!s || s.evaluated === 0) continue;
      const w = settings.severityWeights[rule.severity];
      weighted += w * (1 - s.fired / s.evaluated);
      weights += w;
      applied++;
    }
    return {
      id,
      label: component.label,
      weight: component.weight,
      score: weights > 0 ? round((weighted / weights) * 100) : null,
      rulesApplied: applied,
    };
  });
  const scored = components.filter((c) => c.score !== null);
  const weightSum = scored.reduce((a, c) => a + c.weight, 0);
  const total = weightSum > 0 ? round(scored.reduce((a, c) => a + c.score! * c.weight, 0) / weightSum) : 0;
  const left = components.filter((c) => c.score === null).map((c) => c.label);
  return {
    components,
    total,
    grade: gradeForScore(total),
    method: {
      id:
        'Draf: per komponen, bagian pemeriksaan yang lolos dibobot keparahan (tinggi 3, sedang 2, rendah 1); total = rerata berbobot komponen' +
        (left.length ? `; tidak dinilai otomatis: ${left.map((l) => l.id).join(', ')}` : '') +
        '; predikat menurut PermenPANRB 88/2021 (batas bawah tidak termasuk).',
      en:
        'Draft: per component, the severity-weighted share of checks passed (high 3, medium 2, low 1); total = weighted mean of the components' +
        (left.length ? `; not scored automatically: ${left.map((l) => l.en).join(', ')}` : '') +
        '; graded on the PermenPANRB 88/2021 bands (lower bound excluded).',
    },
  };
}
