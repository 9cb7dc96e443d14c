import { project, stored } from '../testing/events';
import { evaluationBatchesProjection } from './evaluation-batches.projection';

const recorded = (overrides: Record<string, unknown> = {}) =>
  stored(
    'EvaluationRecorded',
    {
      batchId: 'b-1',
      year: 2025,
      organisations: null,
      asOf: '12:40',
      now: '2026-11-24',
      ruleSet: { version: 3, hash: 'h' },
      settings: { kinds: ['review', 'compliance'], document: 'renstra-x' },
      findingCount: 37,
      summary: { organisations: [{ organisationId: 'a' }, { organisationId: 'b' }] },
      ...overrides,
    },
    { streamId: 'evaluation-b-1', metadata: { actor: { id: 'key:1', kind: 'api-key', name: 'Inspektur' } } },
  );

describe('evaluation batches projection', () => {
  it('keeps one row per batch, however often it is applied: scope, position, rule-set version, who, when', () => {
    const event = recorded();
    const rows = project(evaluationBatchesProjection, [event, event]).table('evaluation_batches');
    expect(rows).toEqual([
      expect.objectContaining({
        batch_id: 'b-1',
        year: 2025,
        kinds: ['review', 'compliance'],
        organisations: 2,
        as_of: '12:40',
        rule_set_version: 3,
        document_id: 'renstra-x',
        finding_count: 37,
        started_by: 'Inspektur',
        recorded_at: '2026-01-15T08:00:00.000Z',
      }),
    ]);
  });

  it('reads batches recorded before the two kinds as both kinds', () => {
    const rows = project(evaluationBatchesProjection, [
      recorded({ batchId: 'b-2', settings: { evaluation: {} } }),
    ]).table('evaluation_batches');
    expect(rows[0]).toMatchObject({
      batch_id: 'b-2',
      kinds: ['review', 'compliance'],
      document_id: null,
    });
  });
});
