import type { Bundle, BundleIndicator, BundleNode } from '../bundles/bundle';

/**
 * Synthetic, realistic bundles (deterministic by seed): Renstra trees shaped like the Karanganyar
 * fixture, Indonesian-formatted values, and a known share of defects. Clean data triggers no rule of
 * the starting rule set; every injected defect triggers exactly one finding of a known rule, so the
 * expected number of findings per rule is known (see GeneratedDataset.expected).
 */
export interface GenerateOptions {
  readonly governments: number;
  readonly opds: number;
  readonly seed: number;
  /** Programs per sasaran, kegiatan per program, sub-kegiatan per kegiatan (default 4, 3, 4 ≈ 136 indicators per OPD). */
  readonly shape?: { programs: number; kegiatan: number; subkegiatan: number };
  /** Share of subjects with each defect (defaults in DEFAULT_DEFECT_RATES). */
  readonly defectRates?: Partial<DefectRates>;
}

export interface DefectRates {
  readonly missingFormula: number;
  readonly missingUnit: number;
  readonly targetJump: number;
  readonly wrongReportedAchievement: number;
  readonly unparseableRealisation: number;
  readonly budgetMismatch: number;
  readonly latePk: number;
  readonly lateLkjip: number;
}

export const DEFAULT_DEFECT_RATES: DefectRates = {
  missingFormula: 0.05,
  missingUnit: 0.02,
  targetJump: 0.01,
  wrongReportedAchievement: 0.02,
  unparseableRealisation: 0.005,
  budgetMismatch: 0.03,
  latePk: 0.1,
  lateLkjip: 0.2,
};

/** The rule each defect triggers (one finding per defect). */
export const DEFECT_RULES: Readonly<Record<keyof DefectRates, string>> = {
  missingFormula: 'smart/indicator-without-formula',
  missingUnit: 'smart/indicator-without-unit',
  targetJump: 'smart/implausible-target-jump',
  wrongReportedAchievement: 'consistency/achievement-misreported',
  unparseableRealisation: 'data-quality/value-unreadable',
  budgetMismatch: 'budget/budget-not-sum-of-children',
  latePk: 'timeliness/pk-signed-late',
  lateLkjip: 'timeliness/lkjip-submitted-late',
};

/** The evaluation the expected findings hold for. */
export const GENERATED_EVALUATION = { year: 2025, now: '2026-11-24' } as const;

export interface GeneratedBundle {
  readonly bundle: Bundle;
  readonly defects: Readonly<Record<string, number>>;
}

/** mulberry32: a small, well-known 32-bit generator; enough for reproducible test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "1234567.5" → "1.234.567,50"; integers without decimals. */
export function indonesian(value: number, decimals = 0): string {
  const [whole, fraction] = value.toFixed(decimals).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction ? `${grouped},${fraction}` : grouped;
}

const YEARS = [2024, 2025, 2026] as const;
const PROVINCES = [
  'Jawa Tengah',
  'Jawa Timur',
  'Jawa Barat',
  'Sumatera Utara',
  'Sulawesi Selatan',
  'Kalimantan Timur',
  'Nusa Tenggara Barat',
  'Papua',
];
const SECTORS = [
  'Sosial',
  'Kesehatan',
  'Pendidikan',
  'Pertanian',
  'Perhubungan',
  'Lingkungan Hidup',
  'Kependudukan',
  'Pariwisata',
];
const round2 = (n: number) => Math.round(n * 100) / 100;

export function* generateBundles(options: GenerateOptions): Generator<GeneratedBundle> {
  const rates = { ...DEFAULT_DEFECT_RATES, ...options.defectRates };
  const shape = options.shape ?? { programs: 4, kegiatan: 3, subkegiatan: 4 };
  for (let g = 0; g < options.governments; g++)
    for (let o = 0; o < options.opds; o++) yield generateOpd(options.seed, g, o, rates, shape);
}

function generateOpd(
  seed: number,
  g: number,
  o: number,
  rates: DefectRates,
  shape: { programs: number; kegiatan: number; subkegiatan: number },
): GeneratedBundle {
  const rnd = random(seed * 1_000_003 + g * 1009 + o);
  const chance = (p: number) => rnd() < p;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const defects: Record<string, number> = {};
  const count = (defect: keyof DefectRates) =>
    (defects[DEFECT_RULES[defect]] = (defects[DEFECT_RULES[defect]] ?? 0) + 1);

  const government = `Kabupaten Sintetis ${String(g + 1).padStart(3, '0')}`;
  const sector = SECTORS[o % SECTORS.length]!;
  const orgId = `gov${String(g + 1).padStart(3, '0')}-opd${String(o + 1).padStart(2, '0')}`;
  const nodes: BundleNode[] = [];
  const indicators: BundleIndicator[] = [];
  const budgets: { node: string; year: number; amount: string }[] = [];
  const agreements: { year: number; signedOn: string; indicator: string; target: string }[] = [];
  const realisations: {
    indicator: string;
    period: string;
    value: string;
    reportedAchievement: string;
    reportedOn: string;
  }[] = [];
  const budgetOf = new Map<string, number[]>();
  const urusan = `${1 + (o % 3)}.${String(1 + (o % 20)).padStart(2, '0')}`;
  let row = 0;

  /** `outcome`: a tujuan, sasaran or program indicator, which has a baseline. */
  const addIndicator = (node: string, name: string, iku: boolean, percent: boolean, outcome = percent) => {
    const id = `${node}-I${indicators.filter((i) => i.node === node).length + 1}`;
    const base = percent ? int(60, 85) : int(5, 500);
    const step = percent ? 1 + int(0, 3) : int(1, 20);
    const yearly = YEARS.map((_, i) => base + step * (i + 1));
    let targets = yearly.map((t) => (percent ? indonesian(t, 2) : indonesian(t)));
    if (!percent && chance(rates.targetJump)) {
      yearly[1] = yearly[0]! * 20;
      targets = yearly.map((t) => indonesian(t));
      count('targetJump');
    }
    const noFormula = chance(rates.missingFormula);
    if (noFormula) count('missingFormula');
    const noUnit = chance(rates.missingUnit);
    if (noUnit) count('missingUnit');
    const indicator: BundleIndicator = {
      id,
      node,
      name: `${name} (${id})`,
      ...(noUnit ? {} : { unit: percent ? '%' : 'dokumen' }),
      ...(noFormula
        ? {}
        : {
            formula: percent
              ? `(Jumlah ${name.toLowerCase()} tercapai / jumlah sasaran) x 100%`
              : `Jumlah ${name.toLowerCase()}`,
          }),
      iku,
      ...(iku || outcome
        ? { baseline: { year: 2023, value: percent ? indonesian(base, 2) : indonesian(base) } }
        : {}),
      targets: Object.fromEntries(YEARS.map((y, i) => [String(y), targets[i]!])),
      // A percentage ends on its last year; documents produced each year add up.
      finalTarget: percent ? targets[targets.length - 1]! : indonesian(yearly.reduce((a, b) => a + b, 0)),
      source: { table: 'Tabel 6.1', row: ++row },
    };
    indicators.push(indicator);
    // PK for 2025 restates the plan target; realisations for 2024 and 2025 (quarters for IKU).
    agreements.push({ year: 2025, signedOn: '2025-01-15', indicator: id, target: targets[1]! });
    // Defects of realisations are found once per indicator.
    let unreadable = false;
    let misreported = false;
    for (const [i, year] of [2024, 2025].entries()) {
      const target = yearly[i]!;
      const value = percent
        ? Math.min(100, round2(target * (0.85 + rnd() * 0.2)))
        : Math.round(target * (0.85 + rnd() * 0.2));
      const achievement = round2((value / target) * 100);
      if (chance(rates.unparseableRealisation)) {
        if (!unreadable) count('unparseableRealisation');
        unreadable = true;
        realisations.push({
          indicator: id,
          period: String(year),
          value: '13,11,00',
          reportedAchievement: '-',
          reportedOn: `${year + 1}-02-10`,
        });
        continue;
      }
      let reported = achievement;
      if (chance(rates.wrongReportedAchievement)) {
        // 15 points off, and never what a lower-is-better reading (either convention) would print, which a
        // capaian of an indicator without a stated polarity may follow: so it is always a finding.
        const up = round2(achievement + 15);
        const fitsLower = [200 - achievement, 10_000 / achievement].some(
          (lower) => Math.abs(up - lower) <= 2,
        );
        reported = fitsLower ? round2(achievement - 15) : up;
        if (!misreported) count('wrongReportedAchievement');
        misreported = true;
      }
      realisations.push({
        indicator: id,
        period: String(year),
        value: percent ? indonesian(value, 2) : indonesian(value),
        reportedAchievement: indonesian(reported, 2),
        reportedOn: `${year + 1}-02-10`,
      });
    }
    if (iku)
      for (const q of [1, 2, 3, 4]) {
        const target = yearly[1]!;
        const value = percent
          ? Math.min(100, round2(target * (0.9 + rnd() * 0.15)))
          : Math.round(target * (0.9 + rnd() * 0.15));
        const month = q * 3 + 1 > 12 ? '01' : String(q * 3 + 1).padStart(2, '0');
        realisations.push({
          indicator: id,
          period: `2025-Q${q}`,
          value: percent ? indonesian(value, 2) : indonesian(value),
          reportedAchievement: indonesian(round2((value / target) * 100), 2),
          reportedOn: `${q === 4 ? 2026 : 2025}-${month}-05`,
        });
      }
  };

  const addNode = (node: BundleNode) => {
    nodes.push({ ...node, source: { table: 'Tabel 6.1', row: ++row } });
  };

  for (let t = 1; t <= 2; t++) {
    const tujuan = `T${t}`;
    addNode({ id: tujuan, level: 'tujuan', name: `Meningkatkan layanan ${sector.toLowerCase()} ${t}` });
    addIndicator(tujuan, `Indeks kepuasan layanan ${sector.toLowerCase()}`, true, true);
    const sasaran = `S${t}`;
    addNode({
      id: sasaran,
      level: 'sasaran',
      name: `Meningkatnya kualitas ${sector.toLowerCase()} ${t}`,
      parent: tujuan,
    });
    addIndicator(sasaran, `Persentase capaian ${sector.toLowerCase()}`, true, true);
    addIndicator(sasaran, `Persentase penanganan ${sector.toLowerCase()}`, false, true);
    for (let p = 1; p <= shape.programs; p++) {
      const program = `${urusan}.${String((t - 1) * shape.programs + p).padStart(2, '0')}`;
      addNode({
        id: program,
        level: 'program',
        code: program,
        name: `Program ${sector} ${program}`,
        parent: sasaran,
      });
      addIndicator(program, `Persentase keberhasilan program ${program}`, false, true);
      for (let k = 1; k <= shape.kegiatan; k++) {
        const kegiatan = `${program}.2.${String(k).padStart(2, '0')}`;
        addNode({
          id: kegiatan,
          level: 'kegiatan',
          code: kegiatan,
          name: `Kegiatan ${kegiatan}`,
          parent: program,
        });
        addIndicator(kegiatan, `Jumlah dokumen kegiatan ${kegiatan}`, false, false);
        for (let s = 1; s <= shape.subkegiatan; s++) {
          const sub = `${kegiatan}.${String(s).padStart(2, '0')}`;
          addNode({
            id: sub,
            level: 'subkegiatan',
            code: sub,
            name: `Sub-kegiatan ${sub}`,
            parent: kegiatan,
          });
          addIndicator(sub, `Jumlah keluaran ${sub}`, false, false);
          budgetOf.set(
            sub,
            YEARS.map(() => int(10, 900) * 1_000_000),
          );
        }
      }
    }
  }
  // Budgets: sub-kegiatan amounts, every parent the sum of its children (a defect breaks one year).
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n.id]);
  const total = (id: string): number[] =>
    budgetOf.get(id) ??
    (children.get(id) ?? []).map(total).reduce(
      (sum, list) => sum.map((v, i) => v + list[i]!),
      YEARS.map(() => 0),
    );
  for (const n of nodes) {
    if (n.level === 'tujuan') continue;
    const amounts = total(n.id);
    budgetOf.set(n.id, amounts);
  }
  for (const n of nodes.filter((x) => x.level === 'kegiatan'))
    if (chance(rates.budgetMismatch)) {
      const sub = children.get(n.id)![0]!;
      budgetOf.set(
        sub,
        budgetOf.get(sub)!.map((v, i) => (i === 1 ? v + 5_000_000 : v)),
      );
      count('budgetMismatch');
    }
  for (const n of nodes)
    if (n.level !== 'tujuan')
      YEARS.forEach((year, i) =>
        budgets.push({ node: n.id, year, amount: indonesian(budgetOf.get(n.id)![i]!) }),
      );

  const latePk = chance(rates.latePk);
  if (latePk) count('latePk');
  const lateLkjip = chance(rates.lateLkjip);
  if (lateLkjip) count('lateLkjip');
  const bundle: Bundle = {
    format: 'sakip-bundle/2',
    organisation: {
      id: orgId,
      name: `Dinas ${sector} ${government}`,
      government,
      province: PROVINCES[g % PROVINCES.length]!,
    },
    document: {
      kind: 'renstra',
      title: `Rencana Strategis Dinas ${sector} ${government} Tahun 2024-2026`,
      legalBasis: `Peraturan Bupati Nomor ${10 + o} Tahun 2023`,
      issuedOn: '2023-12-20',
      period: { start: 2024, end: 2026 },
    },
    nodes,
    indicators,
    budgets,
    agreements: agreements.map((a) => ({ ...a, signedOn: latePk ? '2025-03-10' : a.signedOn })),
    realisations,
    submissions: [
      { kind: 'lkjip', year: 2024, submittedOn: '2025-02-20' },
      { kind: 'lkjip', year: 2025, submittedOn: lateLkjip ? '2026-03-20' : '2026-02-20' },
    ],
  };
  return { bundle, defects };
}

export interface DatasetManifest {
  readonly seed: number;
  readonly governments: number;
  readonly opds: number;
  readonly evaluation: typeof GENERATED_EVALUATION;
  readonly bundles: number;
  readonly indicators: number;
  /** Findings each rule must give on this dataset with the starting rule set. */
  readonly expectedFindings: Readonly<Record<string, number>>;
}

export function manifestOf(options: GenerateOptions, generated: Iterable<GeneratedBundle>): DatasetManifest {
  const expected: Record<string, number> = {};
  let bundles = 0;
  let indicators = 0;
  for (const { bundle, defects } of generated) {
    bundles++;
    indicators += bundle.indicators?.length ?? 0;
    for (const [rule, n] of Object.entries(defects)) expected[rule] = (expected[rule] ?? 0) + n;
  }
  return {
    seed: options.seed,
    governments: options.governments,
    opds: options.opds,
    evaluation: GENERATED_EVALUATION,
    bundles,
    indicators,
    expectedFindings: Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))),
  };
}
