import { project, stored } from '../testing/events';
import { planTreeProjection } from './plan-tree.projection';

const org = 'dinsos-karanganyar';
const node = (data: Record<string, unknown>) =>
  stored(
    'NodeDefined',
    { organisationId: org, ...data },
    { streamId: `node-${org}/${String(data['nodeId'])}` },
  );
const indicator = (type: string, data: Record<string, unknown>) =>
  stored(
    type,
    { organisationId: org, indicatorId: 'S1-I1', ...data },
    { streamId: `indicator-${org}/S1-I1` },
  );

describe('plan-tree projection', () => {
  const events = [
    stored(
      'OrganisationRegistered',
      { organisationId: org, name: 'Dinas Sosial', government: 'Kabupaten Karanganyar' },
      { streamId: `organisation-${org}` },
    ),
    stored(
      'DocumentRegistered',
      {
        organisationId: org,
        documentId: 'renstra',
        kind: 'renstra',
        title: 'Renstra',
        period: { start: 2024, end: 2026 },
        contentHash: 'h',
      },
      { streamId: `document-${org}/renstra` },
    ),
    node({
      nodeId: 'S1',
      documentId: 'renstra',
      level: 'sasaran',
      name: 'Meningkatkan kualitas tata laksana',
      parent: 'T1',
    }),
    node({
      nodeId: 'S1',
      documentId: 'lkjip-2024',
      level: 'sasaran',
      name: 'Meningkatkan kualitas tata laksana pemerintah',
    }),
    stored(
      'BudgetAllocated',
      { organisationId: org, nodeId: 'S1', year: 2024, amount: '4.550.000.000', documentId: 'renstra' },
      { streamId: `node-${org}/S1` },
    ),
    stored(
      'BudgetAllocated',
      {
        organisationId: org,
        nodeId: 'S1',
        year: 2024,
        amount: '4.600.000.000',
        previousAmount: '4.550.000.000',
        documentId: 'renja',
      },
      { streamId: `node-${org}/S1` },
    ),
    indicator('IndicatorDefined', {
      documentId: 'renstra',
      nodeId: 'S1',
      name: 'Nilai SAKIP',
      unit: '%',
      formula: 'Hasil penilaian Inspektorat',
      iku: true,
      finalTarget: '83',
    }),
    indicator('IndicatorDefined', { documentId: 'lkjip-2024', nodeId: 'S1', name: 'Nilai SAKIP', unit: '%' }),
    indicator('BaselineSet', { year: 2022, value: '74,44', documentId: 'renstra' }),
  ];

  it('keeps the latest definition, field by field, and every document the node and indicator appear in', () => {
    const tables = project(planTreeProjection, events);
    expect(tables.table('organisations')).toEqual([
      {
        organisation_id: org,
        name: 'Dinas Sosial',
        government: 'Kabupaten Karanganyar',
        province: null,
        version: 1,
      },
    ]);
    expect(tables.table('nodes')).toEqual([
      {
        organisation_id: org,
        node_id: 'S1',
        level: 'sasaran',
        name: 'Meningkatkan kualitas tata laksana pemerintah',
        code: null,
        parent_id: 'T1',
        aligns_to: null,
        role: null,
        version: 2,
      },
    ]);
    expect(tables.table('node_documents').map((r) => r['document_id'])).toEqual(['lkjip-2024', 'renstra']);
    expect(tables.table('budgets')).toEqual([
      {
        organisation_id: org,
        node_id: 'S1',
        year: 2024,
        amount_raw: '4.600.000.000',
        document_id: 'renja',
        version: 4,
      },
    ]);
    expect(tables.table('indicators')).toEqual([
      {
        organisation_id: org,
        indicator_id: 'S1-I1',
        node_id: 'S1',
        name: 'Nilai SAKIP',
        unit: '%',
        formula: 'Hasil penilaian Inspektorat',
        polarity: null,
        iku: true,
        ikk: null,
        final_target_raw: '83',
        aggregation: null,
        data_source: null,
        baseline_year: 2022,
        baseline_raw: '74,44',
        role: null,
        version: 3,
      },
    ]);
    expect(tables.table('documents')[0]).toMatchObject({
      document_id: 'renstra',
      period_start: 2024,
      period_end: 2026,
      version: 1,
    });
  });

  it('gives the same rows when the same events are applied twice', () => {
    const once = project(planTreeProjection, events);
    const twice = project(planTreeProjection, [...events, ...events]);
    for (const table of planTreeProjection.tables)
      expect(twice.table(table.name)).toEqual(once.table(table.name));
  });

  it('does not let a replayed older event overwrite a newer one', () => {
    const replayedOlder = project(planTreeProjection, [...events, events[4]!]);
    expect(replayedOlder.table('budgets')[0]!['amount_raw']).toBe('4.600.000.000');
  });
});
