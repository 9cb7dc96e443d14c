import { project, stored } from '../testing/events';
import { indicatorPeriodsProjection } from './indicator-periods.projection';
import { DEFAULT_ACHIEVEMENT_CONFIG, toPeriodViews } from './indicator-periods.queries';

const ref = { organisationId: 'dinsos-karanganyar', indicatorId: 'S2-I1' };
const e = (type: string, data: Record<string, unknown>) =>
  stored(type, { ...ref, ...data }, { streamId: 'indicator-dinsos-karanganyar/S2-I1' });

describe('indicator-periods projection', () => {
  const events = [
    e('TargetSet', { year: 2024, value: '70', documentId: 'renstra' }),
    e('TargetSet', { year: 2025, value: '71', documentId: 'renstra' }),
    e('TargetRevised', {
      year: 2025,
      previous: '71',
      value: '75',
      reason: 'RPD berubah',
      origin: 'planner',
      legalBasis: 'Perbup 5/2025',
    }),
    e('AgreementTargetSet', { year: 2025, value: '74', signedOn: '2025-01-31', documentId: 'pk-2025' }),
    e('RealisationReported', { period: '2025-Q1', value: '20' }),
    e('RealisationReported', {
      period: '2024',
      value: '65',
      reportedAchievement: '93,00',
      documentId: 'lkjip-2024',
    }),
    e('RealisationCorrected', { period: '2024', previous: '65', value: '66,5', reason: 'salah ketik' }),
  ];

  it('keeps per period the current target, PK target and realisation, raw', () => {
    const rows = project(indicatorPeriodsProjection, events).table('indicator_periods');
    expect(
      rows.map((r) => [
        r['period'],
        r['target_raw'],
        r['target_revised'],
        r['pk_target_raw'],
        r['realisation_raw'],
        r['reported_achievement_raw'],
        r['realisation_corrected'],
      ]),
    ).toEqual([
      ['2024', '70', false, null, '66,5', '93,00', true],
      ['2025', '75', true, '74', null, null, null],
      ['2025-Q1', null, null, null, '20', null, false],
    ]);
    expect(rows[2]).toMatchObject({ year: 2025, period_kind: 'quarter' });
  });

  it('computes achievement by polarity, and a quarter against the annual target', () => {
    const rows = project(indicatorPeriodsProjection, events).table('indicator_periods') as never[];
    const views = toPeriodViews(rows, 'higher-is-better', DEFAULT_ACHIEVEMENT_CONFIG);
    expect(views.map((v) => [v.period, v.computedAchievement])).toEqual([
      [
        '2024',
        {
          percent: 95,
          method: 'realisation/target',
          category: { id: 'Sangat Tinggi', en: 'Very high' },
          against: 'target',
        },
      ],
      [
        '2025-Q1',
        {
          percent: 26.67,
          method: 'realisation/target',
          category: { id: 'Sangat Rendah', en: 'Very low' },
          against: 'annual-target',
        },
      ],
      ['2025', null],
    ]);
    expect(views[0]!.reportedAchievement).toEqual({ raw: '93,00', kind: 'number', value: 93 });
    const lower = toPeriodViews(rows, 'lower-is-better', DEFAULT_ACHIEVEMENT_CONFIG);
    expect(lower[0]!.computedAchievement).toMatchObject({
      percent: 105,
      method: '(2·target−realisation)/target',
    });
  });

  it('is idempotent', () => {
    expect(project(indicatorPeriodsProjection, [...events, ...events]).table('indicator_periods')).toEqual(
      project(indicatorPeriodsProjection, events).table('indicator_periods'),
    );
  });
});
