import { project, stored } from '../testing/events';
import { statementsProjection } from './statements.projection';

const ref = { organisationId: 'dinsos-tegal', indicatorId: 'S1-I8' };
const documentId = 'lkjip-2018-2018-x';
const inOrder = (rows: readonly Record<string, unknown>[]) =>
  [...rows].sort((a, b) => Number(a['position_sequence']) - Number(b['position_sequence']));

describe('statements projection', () => {
  it('keeps a PK target of the agreement table and the one of the prose, each with its source', () => {
    const table = stored(
      'AgreementTargetSet',
      { ...ref, year: 2018, value: '275', documentId },
      { metadata: { provenance: { documentId, table: 'Tabel 2.3', page: 14 } } },
    );
    const prose = stored('IndicatorValueStated', {
      ...ref,
      documentId,
      field: 'agreement',
      year: 2018,
      value: '250',
      source: { table: 'BAB II (uraian)', page: 16 },
    });
    const rows = inOrder(project(statementsProjection, [table, prose, prose]).table('statements'));
    expect(rows).toEqual([
      expect.objectContaining({
        field: 'agreement',
        period: '2018',
        is_primary: true,
        value_raw: '275',
        source_table: 'Tabel 2.3',
        source_page: '14',
      }),
      expect.objectContaining({
        field: 'agreement',
        period: '2018',
        is_primary: false,
        value_raw: '250',
        source_table: 'BAB II (uraian)',
        source_page: '16',
      }),
    ]);
  });

  it('records a realisation row with the target and capaian printed beside it', () => {
    const row = stored('RealisationReported', {
      ...ref,
      period: '2018',
      value: null,
      target: '30,00',
      reportedAchievement: '96,42',
      documentId,
    });
    expect(project(statementsProjection, [row]).table('statements')).toEqual([
      expect.objectContaining({
        field: 'realisation',
        value_raw: null,
        row_target_raw: '30,00',
        reported_achievement_raw: '96,42',
      }),
    ]);
  });

  it("does not take a planner's revision for a statement of a document", () => {
    const revision = stored('TargetRevised', {
      ...ref,
      year: 2019,
      previous: '30',
      value: '32',
      reason: 'Penyesuaian',
      origin: 'planner',
      legalBasis: 'Perbup 40/2019',
    });
    expect(project(statementsProjection, [revision]).table('statements')).toEqual([]);
  });

  it('tells budget totals and money spent apart', () => {
    const total = stored('DocumentBudgetStated', {
      organisationId: 'dinsos-tegal',
      documentId,
      kind: 'pagu',
      total: true,
      amount: '12.000.000',
    });
    const spent = stored('BudgetStated', {
      organisationId: 'dinsos-tegal',
      nodeId: '1.06.02',
      documentId,
      kind: 'realisation',
      year: 2018,
      amount: '3.500.000',
    });
    const rows = inOrder(project(statementsProjection, [total, spent]).table('statements'));
    expect(rows.map((r) => [r['node_id'], r['field'], r['period'], r['is_total']])).toEqual([
      [null, 'budget', null, true],
      ['1.06.02', 'budget-realisation', '2018', false],
    ]);
  });
});
