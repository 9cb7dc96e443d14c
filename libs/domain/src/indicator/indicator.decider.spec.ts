import { deciderSpec } from '../testing/decider-spec';
import type { IndicatorCommand } from './indicator.commands';
import { indicatorDecider } from './indicator.decider';
import type { IndicatorEvent } from './indicator.events';

const spec = deciderSpec(indicatorDecider);
const ref = { organisationId: 'dinsos-karanganyar', indicatorId: 'S1-I1' };
const definition = { ...ref, nodeId: 'S1', name: 'Nilai SAKIP', unit: '%', iku: true };
const defined: IndicatorEvent = {
  type: 'IndicatorDefined',
  data: { ...definition, documentId: 'renstra-2024' },
};
const target2025: IndicatorEvent = {
  type: 'TargetSet',
  data: { ...ref, year: 2025, value: '82', documentId: 'renstra-2024' },
};
const renstra = { id: 'renstra-2024', title: 'Renstra 2024-2026', legalBasis: 'Perbup 16/2023' };
const perubahan = {
  id: 'renstra-2024-p',
  title: 'Perubahan Renstra 2024-2026',
  legalBasis: 'Perbup 5/2025',
  issuedOn: '2025-02-01',
};
const revise = (
  data: Partial<Extract<IndicatorCommand, { type: 'ReviseTarget' }>['data']>,
): IndicatorCommand => ({
  type: 'ReviseTarget',
  data: {
    ...ref,
    year: 2025,
    value: '85',
    reason: 'Penyesuaian RPD',
    legalBasis: 'Perbup 5/2025',
    effectiveOn: '2025-03-01',
    ...data,
  },
});

describe('indicator decider', () => {
  describe('DefineIndicator', () => {
    it('defines an unknown indicator', () => {
      spec
        .given([])
        .when({ type: 'DefineIndicator', data: { ...definition, documentId: 'renstra-2024' } })
        .then([defined]);
    });
    it('does nothing when the same document defines it the same way again', () => {
      spec
        .given([defined])
        .when({ type: 'DefineIndicator', data: { ...definition, documentId: 'renstra-2024' } })
        .thenNothingHappens();
    });
    it('records a later document that defines it (so the document tree lists it)', () => {
      const later = { ...definition, documentId: 'lkjip-2024' };
      spec
        .given([defined])
        .when({ type: 'DefineIndicator', data: later })
        .then([{ type: 'IndicatorDefined', data: later }]);
    });
    it('records a changed definition', () => {
      const changed = { ...definition, formula: 'Hasil evaluasi Inspektorat', documentId: 'renstra-2024' };
      spec
        .given([defined])
        .when({ type: 'DefineIndicator', data: changed })
        .then([{ type: 'IndicatorDefined', data: changed }]);
    });
  });

  describe('SetTargetFromDocument', () => {
    it('sets a first target, also for a year outside the document period', () => {
      spec
        .given([defined])
        .when({
          type: 'SetTargetFromDocument',
          data: { ...ref, year: 2023, value: '79,44', document: renstra },
        })
        .then([
          { type: 'TargetSet', data: { ...ref, year: 2023, value: '79,44', documentId: 'renstra-2024' } },
        ]);
    });
    it('keeps a zero or unparseable target: the rules judge it', () => {
      spec
        .given([defined])
        .when({
          type: 'SetTargetFromDocument',
          data: { ...ref, year: 2024, value: '13,11,00', document: renstra },
        })
        .then([
          { type: 'TargetSet', data: { ...ref, year: 2024, value: '13,11,00', documentId: 'renstra-2024' } },
        ]);
    });
    it('does nothing for the same target, however it is spelled', () => {
      spec
        .given([defined, target2025])
        .when({
          type: 'SetTargetFromDocument',
          data: { ...ref, year: 2025, value: '82,00', document: renstra },
        })
        .thenNothingHappens();
    });
    it('records a revision naming the later document when it differs', () => {
      spec
        .given([defined, target2025])
        .when({
          type: 'SetTargetFromDocument',
          data: { ...ref, year: 2025, value: '84', document: perubahan },
        })
        .then([
          {
            type: 'TargetRevised',
            data: {
              ...ref,
              year: 2025,
              previous: '82',
              value: '84',
              reason: 'Target 2025 menurut dokumen "Perubahan Renstra 2024-2026"',
              origin: 'document',
              legalBasis: 'Perbup 5/2025',
              documentId: 'renstra-2024-p',
              effectiveOn: '2025-02-01',
            },
          },
        ]);
    });
    it('fails for an unknown indicator', () => {
      spec
        .given([])
        .when({ type: 'SetTargetFromDocument', data: { ...ref, year: 2025, value: '1', document: renstra } })
        .thenFails('UNKNOWN_INDICATOR');
    });
  });

  describe('ReviseTarget', () => {
    it('revises with reason, legal basis and effective date', () => {
      spec
        .given([defined, target2025])
        .when(revise({}))
        .then([
          {
            type: 'TargetRevised',
            data: {
              ...ref,
              year: 2025,
              value: '85',
              previous: '82',
              reason: 'Penyesuaian RPD',
              legalBasis: 'Perbup 5/2025',
              effectiveOn: '2025-03-01',
              origin: 'planner',
            },
          },
        ]);
    });
    it('accepts a document reference instead of a legal basis', () => {
      spec
        .given([defined, target2025])
        .when(revise({ legalBasis: undefined, documentReference: 'Nota Dinas 050/123' }))
        .then([
          {
            type: 'TargetRevised',
            data: {
              ...ref,
              year: 2025,
              value: '85',
              previous: '82',
              reason: 'Penyesuaian RPD',
              legalBasis: undefined,
              documentReference: 'Nota Dinas 050/123',
              effectiveOn: '2025-03-01',
              origin: 'planner',
            },
          },
        ]);
    });
    it('sets a missing target as a revision from nothing', () => {
      spec
        .given([defined])
        .when(revise({ year: 2026 }))
        .then([
          {
            type: 'TargetRevised',
            data: {
              ...ref,
              year: 2026,
              value: '85',
              previous: null,
              reason: 'Penyesuaian RPD',
              legalBasis: 'Perbup 5/2025',
              effectiveOn: '2025-03-01',
              origin: 'planner',
            },
          },
        ]);
    });
    it('refuses a revision without reason', () => {
      spec
        .given([defined, target2025])
        .when(revise({ reason: '  ' }))
        .thenFails('TARGET_REVISION_NEEDS_REASON');
    });
    it('refuses a revision without legal basis or document reference', () => {
      spec
        .given([defined, target2025])
        .when(revise({ legalBasis: '' }))
        .thenFails('TARGET_REVISION_NEEDS_LEGAL_BASIS');
    });
    it('does nothing when the value is unchanged', () => {
      spec
        .given([defined, target2025])
        .when(revise({ value: 82 }))
        .thenNothingHappens();
    });
    it('fails for an unknown indicator', () => {
      spec.given([]).when(revise({})).thenFails('UNKNOWN_INDICATOR');
    });
  });

  describe('SetBaseline and SetAgreementTarget', () => {
    it('sets a baseline once', () => {
      const baseline: IndicatorEvent = {
        type: 'BaselineSet',
        data: { ...ref, year: 2022, value: '74,44', documentId: 'renstra-2024' },
      };
      spec.given([defined]).when({ type: 'SetBaseline', data: baseline.data }).then([baseline]);
      spec.given([defined, baseline]).when({ type: 'SetBaseline', data: baseline.data }).thenNothingHappens();
    });
    it('sets a PK target, and records the previous one when it changes', () => {
      const pk: IndicatorEvent = {
        type: 'AgreementTargetSet',
        data: { ...ref, year: 2025, value: '82', signedOn: '2025-01-31', documentId: 'pk-2025' },
      };
      spec.given([defined]).when({ type: 'SetAgreementTarget', data: pk.data }).then([pk]);
      spec.given([defined, pk]).when({ type: 'SetAgreementTarget', data: pk.data }).thenNothingHappens();
      spec
        .given([defined, pk])
        .when({ type: 'SetAgreementTarget', data: { ...ref, year: 2025, value: '83' } })
        .then([{ type: 'AgreementTargetSet', data: { ...ref, year: 2025, value: '83', previous: '82' } }]);
    });
    it('fails for an unknown indicator', () => {
      spec
        .given([])
        .when({ type: 'SetAgreementTarget', data: { ...ref, year: 2025, value: '1' } })
        .thenFails('UNKNOWN_INDICATOR');
    });
  });

  describe('ReportRealisation', () => {
    const reported: IndicatorEvent = {
      type: 'RealisationReported',
      data: { ...ref, period: '2025-Q1', value: '20', reportedOn: '2025-04-10' },
    };
    it('reports a realisation for a period', () => {
      spec.given([defined]).when({ type: 'ReportRealisation', data: reported.data }).then([reported]);
    });
    it('fails for an unknown indicator', () => {
      spec.given([]).when({ type: 'ReportRealisation', data: reported.data }).thenFails('UNKNOWN_INDICATOR');
    });
    it('fails for a period it cannot read', () => {
      spec
        .given([defined])
        .when({ type: 'ReportRealisation', data: { ...reported.data, period: '2025-Q5' } })
        .thenFails('PERIOD_INVALID');
    });
    it('does nothing when the same report arrives again', () => {
      spec
        .given([defined, reported])
        .when({ type: 'ReportRealisation', data: reported.data })
        .thenNothingHappens();
    });
    it('refuses a second, different planner report: that is a correction', () => {
      spec
        .given([defined, reported])
        .when({ type: 'ReportRealisation', data: { ...reported.data, value: '25' } })
        .thenFails('REALISATION_ALREADY_REPORTED');
    });
    it('keeps a different value reported by another document (the rules compare them)', () => {
      const fromLkjip = { ...ref, period: '2025-Q1', value: '25', documentId: 'lkjip-2025' };
      spec
        .given([defined, reported])
        .when({ type: 'ReportRealisation', data: fromLkjip })
        .then([{ type: 'RealisationReported', data: fromLkjip }]);
    });
    it('keeps a reported achievement that does not match target and realisation', () => {
      const odd = {
        ...ref,
        period: '2025',
        value: '29,00',
        reportedAchievement: '196,42',
        documentId: 'lkjip-2025',
      };
      spec
        .given([defined])
        .when({ type: 'ReportRealisation', data: odd })
        .then([{ type: 'RealisationReported', data: odd }]);
    });
  });

  describe('CorrectRealisation', () => {
    const reported: IndicatorEvent = {
      type: 'RealisationReported',
      data: { ...ref, period: '2025', value: '20' },
    };
    const correct = { ...ref, period: '2025', value: '22', reason: 'Salah ketik pada laporan' };
    it('corrects with a reason, keeping the previous value', () => {
      spec
        .given([defined, reported])
        .when({ type: 'CorrectRealisation', data: correct })
        .then([{ type: 'RealisationCorrected', data: { ...correct, previous: '20' } }]);
    });
    it('refuses a correction without reason', () => {
      spec
        .given([defined, reported])
        .when({ type: 'CorrectRealisation', data: { ...correct, reason: '' } })
        .thenFails('REALISATION_CORRECTION_NEEDS_REASON');
    });
    it('refuses to correct what was never reported', () => {
      spec
        .given([defined])
        .when({ type: 'CorrectRealisation', data: correct })
        .thenFails('REALISATION_NOT_REPORTED');
    });
    it('does nothing when the value is already the corrected one', () => {
      spec
        .given([defined, reported])
        .when({ type: 'CorrectRealisation', data: { ...correct, value: '20,0' } })
        .thenNothingHappens();
    });
  });

  describe('StateIndicatorValue (bundle format 2)', () => {
    const statement = {
      ...ref,
      documentId: 'renstra-2024',
      field: 'target' as const,
      year: 2025,
      value: '100 Org',
      source: { table: 'Tabel 7.1', row: 3 },
    };
    const stated: IndicatorEvent = { type: 'IndicatorValueStated', data: statement };
    it('keeps a second statement of the same document beside the primary target (not a revision)', () => {
      spec.given([defined, target2025]).when({ type: 'StateIndicatorValue', data: statement }).then([stated]);
    });
    it('keeps a statement that agrees with the primary one (where the document repeats it)', () => {
      const same = { ...statement, value: '82', source: { table: 'Tabel 6.1' } };
      spec
        .given([defined, target2025])
        .when({ type: 'StateIndicatorValue', data: same })
        .then([{ type: 'IndicatorValueStated', data: same }]);
    });
    it('does nothing when the same cell is imported again', () => {
      spec
        .given([defined, stated])
        .when({ type: 'StateIndicatorValue', data: statement })
        .thenNothingHappens();
    });
    it('keeps the same value stated at another source', () => {
      const elsewhere = { ...statement, source: { table: 'Tabel 4.3' } };
      spec
        .given([defined, stated])
        .when({ type: 'StateIndicatorValue', data: elsewhere })
        .then([{ type: 'IndicatorValueStated', data: elsewhere }]);
    });
    it('refuses a statement about an unknown indicator', () => {
      spec.given([]).when({ type: 'StateIndicatorValue', data: statement }).thenFails('UNKNOWN_INDICATOR');
    });
  });

  describe('ReportRealisation with the row target (bundle format 2)', () => {
    it('keeps the target printed in the same row and a missing realisation cell', () => {
      const data = { ...ref, period: '2024', value: null, target: '30', documentId: 'lkjip-2024' };
      spec
        .given([defined])
        .when({ type: 'ReportRealisation', data })
        .then([{ type: 'RealisationReported', data }]);
    });
  });
});
