import { DEFAULT_SETTINGS } from '../settings';
import { buildFactSets } from './fact-sets';
import { foldOrganisation, type ModelEvent } from './model';
import { inferAggregation, unitContradictsName, denominatorIsOwnTarget, dividesByHundred } from './text';

const ORG = 'dinas-contoh';
const DOC = 'renstra-2024-2026-x';
let n = 0;
const event = (
  type: string,
  data: Record<string, unknown>,
  source?: Record<string, unknown>,
): ModelEvent => ({
  id: `e${++n}`,
  type,
  data: { organisationId: ORG, ...data },
  metadata: { provenance: { documentId: DOC, ...(source ?? {}) } },
});
const base = [
  event('OrganisationRegistered', { name: 'Dinas Contoh' }),
  event('DocumentRegistered', {
    documentId: DOC,
    kind: 'renstra',
    title: 'Renstra 2024-2026',
    period: { start: 2024, end: 2026 },
    contentHash: 'h',
  }),
  event('NodeDefined', {
    nodeId: 'P1',
    level: 'program',
    name: 'Program Satu',
    code: '1.06.01',
    documentId: DOC,
  }),
  event('NodeDefined', {
    nodeId: 'K1',
    level: 'kegiatan',
    name: 'Kegiatan Satu',
    code: '1.06.01.2.01',
    parent: 'P1',
    documentId: DOC,
  }),
];
const indicator = (id: string, node: string, extra: Record<string, unknown> = {}) =>
  event('IndicatorDefined', { indicatorId: id, nodeId: node, documentId: DOC, ...extra });
const target = (id: string, year: number, value: string) =>
  event('TargetSet', { indicatorId: id, year, value, documentId: DOC });
const budget = (node: string, year: number, amount: string) =>
  event('BudgetAllocated', { nodeId: node, year, amount, documentId: DOC });

function factsOf(events: ModelEvent[], key: string) {
  const sets = buildFactSets(foldOrganisation(ORG, [...base, ...events]), {
    evaluationYear: 2026,
    now: '2026-11-30',
    settings: { ...DEFAULT_SETTINGS, achievementTolerance: 0.5 },
  });
  const set = sets.find((s) => s.key === key);
  if (!set) throw new Error(`no fact set ${key}`);
  return set.facts;
}

describe('indicator facts', () => {
  it('finds plan years at 0 or printed empty while other years continue', () => {
    const facts = factsOf(
      [
        indicator('K1-I1', 'K1', { name: 'Jumlah laporan', unit: 'laporan' }),
        target('K1-I1', 2024, '0'),
        target('K1-I1', 2025, '20'),
        target('K1-I1', 2026, '20'),
      ],
      'indicator:K1-I1',
    );
    expect(facts['targetGapYears']).toEqual([2024]);
    expect(facts['isPlanItem']).toBe(true);
  });

  it('checks the final target under an aggregation inferred from unit and name, and says so', () => {
    const counted = factsOf(
      [
        indicator('K1-I1', 'K1', { name: 'Jumlah paket yang disediakan', unit: 'paket', finalTarget: '1' }),
        target('K1-I1', 2024, '1'),
        target('K1-I1', 2025, '1'),
        target('K1-I1', 2026, '1'),
      ],
      'indicator:K1-I1',
    );
    expect(counted['finalTargetCheck']).toMatchObject({
      aggregation: 'sum',
      expected: 3,
      assumed: true,
      matches: false,
    });
    const stock = factsOf(
      [
        indicator('K1-I1', 'K1', {
          name: 'Jumlah kendaraan yang dipelihara',
          unit: 'unit',
          finalTarget: '7',
        }),
        target('K1-I1', 2024, '7'),
        target('K1-I1', 2025, '7'),
        target('K1-I1', 2026, '7'),
      ],
      'indicator:K1-I1',
    );
    expect(stock['finalTargetMatchesAggregation']).toBe(true);
  });

  it('keeps history and reference items out of the plan', () => {
    const facts = factsOf([indicator('H1', 'P1', { name: 'Lama', role: 'history' })], 'indicator:H1');
    expect(facts['isPlanItem']).toBe(false);
    expect(facts['role']).toBe('history');
  });

  it('marks statements of one document that disagree, and not a table that leaves a text cell empty', () => {
    const facts = factsOf(
      [
        indicator('P1-I1', 'P1', { name: 'Nilai SAKIP', unit: '%' }),
        event('IndicatorValueStated', {
          indicatorId: 'P1-I1',
          documentId: DOC,
          field: 'unit',
          value: 'Nilai',
          source: { table: 'Tabel 7.1' },
        }),
        event('IndicatorValueStated', {
          indicatorId: 'P1-I1',
          documentId: DOC,
          field: 'formula',
          value: '',
          source: { table: 'Tabel 6.1' },
        }),
        target('P1-I1', 2025, '100'),
        event('IndicatorValueStated', {
          indicatorId: 'P1-I1',
          documentId: DOC,
          field: 'target',
          year: 2025,
          value: '',
          source: { table: 'Tabel 7.2' },
        }),
      ],
      'indicator:P1-I1',
    );
    expect(facts['conflictingFields']).toEqual(['unit', 'target 2025']);
  });

  it('judges targets against the latest earlier realisation or the baseline', () => {
    const facts = factsOf(
      [
        indicator('P1-I1', 'P1', { name: 'Persentase layanan', unit: '%' }),
        event('BaselineSet', { indicatorId: 'P1-I1', year: 2022, value: '100', documentId: DOC }),
        event('RealisationReported', {
          indicatorId: 'P1-I1',
          period: '2022',
          value: '100,00',
          documentId: DOC,
        }),
        target('P1-I1', 2024, '100'),
        target('P1-I1', 2025, '100'),
        target('P1-I1', 2026, '100'),
      ],
      'indicator:P1-I1',
    );
    expect(facts['targetsNotChallenging']).toMatchObject({ flat: true, reference: { value: 100 } });
    expect(facts['baselineVsHistory']).toBeNull();
  });

  it('checks every printed capaian against its own row, within the tolerance inclusive', () => {
    const facts = factsOf(
      [
        indicator('P1-I1', 'P1', { name: 'Persentase layanan', unit: '%' }),
        event('RealisationReported', {
          indicatorId: 'P1-I1',
          period: '2024',
          value: '65',
          target: '65',
          reportedAchievement: '40,00',
          documentId: DOC,
        }),
        event('IndicatorValueStated', {
          indicatorId: 'P1-I1',
          documentId: DOC,
          field: 'realisation',
          period: '2025',
          value: '29',
          rowTarget: '30',
          reportedAchievement: '96,17',
          source: { table: 'Tabel 3.1' },
        }),
      ],
      'indicator:P1-I1',
    );
    // 65/65 = 100 % printed 40; 29/30 = 96,67 % printed 96,17 (0,5 points: within the tolerance).
    expect(facts['misreportedAchievements']).toEqual([
      expect.objectContaining({ period: '2024', reported: '40,00', computed: 100 }),
    ]);
  });
});

describe('capaian and PK within one report', () => {
  it('accepts a capaian that fits lower-is-better when the document states no polarity', () => {
    const facts = factsOf(
      [
        indicator('P1-I1', 'P1', { name: 'Angka kemiskinan', unit: '%' }),
        event('RealisationReported', {
          indicatorId: 'P1-I1',
          period: '2024',
          value: '8,5',
          target: '8,96',
          reportedAchievement: '105,13',
          documentId: DOC,
        }),
      ],
      'indicator:P1-I1',
    );
    expect(facts['misreportedAchievementCount']).toBe(0);
  });

  it("marks a PK target that differs from the same document's target of the year", () => {
    const facts = factsOf(
      [
        indicator('P1-I1', 'P1', { name: 'Persentase layanan', unit: '%' }),
        target('P1-I1', 2024, '250'),
        event('AgreementTargetSet', { indicatorId: 'P1-I1', year: 2024, value: '275', documentId: DOC }),
      ],
      'indicator:P1-I1',
    );
    expect(facts['conflictingFields']).toEqual(['agreement 2024']);
  });
});

describe('period sums', () => {
  it('finds quarters of a count that do not add up to the year', () => {
    const report = (period: string, v: string) =>
      event('RealisationReported', { indicatorId: 'K1-I1', period, value: v, documentId: DOC });
    const facts = factsOf(
      [
        indicator('K1-I1', 'K1', { name: 'Jumlah laporan', unit: 'laporan' }),
        report('2025', '24'),
        report('2025-Q1', '7'),
        report('2025-Q2', '4'),
        report('2025-Q3', '3'),
        report('2025-Q4', '3'),
      ],
      'indicator:K1-I1',
    );
    expect(facts['periodSumMismatches']).toEqual([
      expect.objectContaining({ year: 2025, year_value: 24, sum: 17 }),
    ]);
  });
});

describe('node facts', () => {
  it('finds a budget that swings while the targets stay, on the lowest node where it happens', () => {
    const facts = factsOf(
      [
        indicator('K1-I1', 'K1', { name: 'Jumlah laporan', unit: 'laporan' }),
        ...[2024, 2025, 2026].map((y) => target('K1-I1', y, '12')),
        budget('K1', 2024, '1.000.000'),
        budget('K1', 2025, '20.000.000'),
        budget('K1', 2026, '25.000.000'),
      ],
      'node:K1',
    );
    expect(facts['budgetSwing']).toMatchObject({ ratio: 25 });
  });

  it('finds a pagu indexed by the same percentage every year', () => {
    const facts = factsOf(
      [budget('P1', 2024, '70.000.000'), budget('P1', 2025, '73.500.000'), budget('P1', 2026, '77.175.000')],
      'node:P1',
    );
    expect(facts['budgetIndexed']).toMatchObject({ ratePercent: 5 });
  });

  it("reports a child's missing budget as a roll-up gap with the child as a subject", () => {
    const facts = factsOf(
      [budget('P1', 2024, '10'), budget('P1', 2025, '10'), budget('K1', 2024, '10')],
      'node:P1',
    );
    expect(facts['budgetRollupGapSubjects']).toEqual([{ node: 'K1', indicator: null }]);
  });

  it('checks the code format of the level', () => {
    expect(factsOf([], 'node:K1')['codeFollowsNomenclature']).toBe(true);
  });
});

describe('reading indicator words', () => {
  it('infers the aggregation a final target follows', () => {
    expect(inferAggregation('%', 'Persentase layanan')?.aggregation).toBe('last');
    expect(inferAggregation('Orang / bulan', 'Jumlah orang yang menerima gaji')?.aggregation).toBe('last');
    expect(inferAggregation('dokumen', 'Jumlah dokumen perencanaan')?.aggregation).toBe('sum');
    expect(inferAggregation('unit', 'Jumlah gedung kantor yang dipelihara')?.aggregation).toBe('last');
  });

  it('reads formulas and units', () => {
    expect(denominatorIsOwnTarget('Jumlah yang terlayani dibagi Jumlah Target Pelayanan dikali 100')).toBe(
      true,
    );
    expect(denominatorIsOwnTarget('Jumlah yang ditangani dibagi jumlah seluruh PMKS dikali 100%')).toBe(
      false,
    );
    expect(dividesByHundred('Jumlah PSKS yang diberdayakan dibagi jumlah PSKS dibagi 100')).toBe(true);
    expect(unitContradictsName('Unit', 'Jumlah Paket pakaian dinas')).toEqual({
      counted: 'paket',
      unit: 'unit',
    });
    expect(unitContradictsName('org', 'Jumlah orang yang dilatih')).toBeNull();
  });
});
