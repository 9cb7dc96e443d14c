import { project, stored } from '../testing/events';
import { valueHistoryProjection } from './value-history.projection';

const ref = { organisationId: 'dinsos-karanganyar', indicatorId: 'S1-I1' };
const e = (type: string, data: Record<string, unknown>, metadata = {}) =>
  stored(type, { ...ref, ...data }, { streamId: 'indicator-x', metadata });

describe('value-history projection', () => {
  it('records each value with reason, basis, source, actor and time', () => {
    const planner = {
      actor: { id: 'key:abc', kind: 'api-key' as const, role: 'planner', name: 'Perencana Dinsos' },
      recordedAt: '2026-03-02T10:00:00.000Z',
      provenance: undefined,
    };
    const rows = project(valueHistoryProjection, [
      e('TargetSet', { year: 2025, value: '82', documentId: 'renstra' }),
      e(
        'TargetRevised',
        {
          year: 2025,
          previous: '82',
          value: '85',
          reason: 'Penyesuaian RPD',
          origin: 'planner',
          legalBasis: 'Perbup 5/2025',
          effectiveOn: '2025-03-01',
        },
        planner,
      ),
      e('IndicatorDefined', { nodeId: 'S1', name: 'x', documentId: 'renstra' }),
    ]).table('value_history');
    expect(rows).toHaveLength(2);
    const byType = Object.fromEntries(rows.map((r) => [r['event_type'], r]));
    expect(byType['TargetSet']).toMatchObject({
      kind: 'target',
      period: '2025',
      previous_raw: null,
      value_raw: '82',
      origin: 'document',
      document_id: 'renstra',
      source_table: 'Tabel 6.1',
      source_row: '4',
      actor_id: 'cli:tester',
    });
    expect(byType['TargetRevised']).toMatchObject({
      previous_raw: '82',
      value_raw: '85',
      reason: 'Penyesuaian RPD',
      legal_basis: 'Perbup 5/2025',
      effective_on: '2025-03-01',
      actor_name: 'Perencana Dinsos',
      actor_role: 'planner',
      recorded_at: '2026-03-02T10:00:00.000Z',
    });
  });
});
