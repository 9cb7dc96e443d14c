import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { EvaluationCommand } from './evaluation.commands';
import type { EvaluationEvent, EvaluationRecordedData } from './evaluation.events';

export interface EvaluationState {
  readonly recorded: EvaluationRecordedData | null;
  readonly parts: number;
}

export const evaluationDecider: Decider<EvaluationState, EvaluationCommand, EvaluationEvent> = {
  initialState: () => ({ recorded: null, parts: 0 }),

  evolve(state, event) {
    switch (event.type) {
      case 'EvaluationRecorded':
        return { ...state, recorded: event.data };
      case 'FindingsRecorded':
        return { ...state, parts: state.parts + 1 };
      default: {
        const never: never = event;
        return never;
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordEvaluation': {
        const { findingParts, ...recorded } = command.data;
        if (state.recorded)
          throw new DomainError(
            'EVALUATION_ALREADY_RECORDED',
            {
              id: `Evaluasi ${recorded.batchId} sudah tercatat; hasil yang tersimpan tidak diubah.`,
              en: `Evaluation ${recorded.batchId} is already recorded; stored results are never changed.`,
            },
            'conflict',
          );
        const count = findingParts.reduce((n, part) => n + part.length, 0);
        if (count !== recorded.findingCount)
          throw new DomainError('EVALUATION_FINDINGS_MISMATCH', {
            id: `Jumlah temuan (${count}) tidak sama dengan ringkasan (${recorded.findingCount}).`,
            en: `The findings (${count}) do not match the summary (${recorded.findingCount}).`,
          });
        return [
          { type: 'EvaluationRecorded', data: recorded },
          ...findingParts.map((findings, part) => ({
            type: 'FindingsRecorded' as const,
            data: { batchId: recorded.batchId, part, findings },
          })),
        ];
      }
      default: {
        const never: never = command.type;
        return never;
      }
    }
  },
};
