import { deciderSpec } from '../testing/decider-spec';
import { evaluationDecider } from './evaluation.decider';
import type { EvaluationRecordedData } from './evaluation.events';

const spec = deciderSpec(evaluationDecider);
const recorded: EvaluationRecordedData = {
  batchId: 'b1',
  year: 2025,
  organisations: null,
  asOf: '10:5',
  now: '2026-11-24',
  ruleSet: { version: 1, hash: 'h' },
  settings: {},
  findingCount: 3,
  summary: {},
};

describe('evaluation batch', () => {
  it('records the batch and its findings in parts', () =>
    spec
      .given([])
      .when({ type: 'RecordEvaluation', data: { ...recorded, findingParts: [[1, 2], [3]] } })
      .then([
        { type: 'EvaluationRecorded', data: recorded },
        { type: 'FindingsRecorded', data: { batchId: 'b1', part: 0, findings: [1, 2] } },
        { type: 'FindingsRecorded', data: { batchId: 'b1', part: 1, findings: [3] } },
      ]));

  it('never records a batch twice', () =>
    spec
      .given([{ type: 'EvaluationRecorded', data: recorded }])
      .when({ type: 'RecordEvaluation', data: { ...recorded, findingParts: [[1, 2, 3]] } })
      .thenFails('EVALUATION_ALREADY_RECORDED'));

  it('refuses findings that do not match the summary', () =>
    spec
      .given([])
      .when({ type: 'RecordEvaluation', data: { ...recorded, findingParts: [[1]] } })
      .thenFails('EVALUATION_FINDINGS_MISMATCH'));
});
