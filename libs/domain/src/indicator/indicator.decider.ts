import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { alreadyDefined, mergeDefined } from '../shared/merge';
import { sameRawMeaning, type RawValue } from '../values/document-value';
import { isPeriod } from '../values/period';
import type { IndicatorCommand } from './indicator.commands';
import { sourceKey } from '../shared/streams';
import type { IndicatorDefinition, IndicatorEvent, IndicatorStatement } from './indicator.events';

export interface RealisationState {
  readonly value: RawValue | null;
  readonly target?: RawValue | null;
  readonly reportedAchievement?: RawValue;
  /** What each document reported for the period; "planner" for reports made through the API. */
  readonly reports: Readonly<Record<string, RawValue | null>>;
}

export type IndicatorState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'defined';
      readonly definition: IndicatorDefinition;
      readonly byDocument: Readonly<Record<string, IndicatorDefinition>>;
      readonly baseline?: { readonly year: number; readonly value: RawValue };
      readonly targets: Readonly<Record<number, RawValue>>;
      readonly agreements: Readonly<Record<number, RawValue>>;
      readonly realisations: Readonly<Record<string, RealisationState>>;
      /** Further statements of documents, by `statementKey`: the value each stated. */
      readonly statements: Readonly<Record<string, string>>;
    };

type Defined = Extract<IndicatorState, { status: 'defined' }>;

const PLANNER_REPORT = 'planner';

/** The optional parts of an indicator's definition (a document may state them or not). */
export const INDICATOR_OPTIONAL_FIELDS = [
  'unit',
  'formula',
  'polarity',
  'iku',
  'ikk',
  'finalTarget',
  'aggregation',
  'dataSource',
  'role',
] as const satisfies readonly (keyof IndicatorDefinition)[];

const DEFINITION_FIELDS = ['nodeId', 'name', ...INDICATOR_OPTIONAL_FIELDS] as const;

/** One cell of a document: the same key stated again with the same content is a re-import. */
export function statementKey(statement: IndicatorStatement): string {
  return [
    statement.documentId,
    statement.field,
    statement.year ?? statement.period ?? '',
    sourceKey(statement.source),
  ].join('#');
}

const statementContent = (statement: IndicatorStatement) =>
  JSON.stringify([statement.value, statement.rowTarget, statement.reportedAchievement, statement.signedOn]);

function sameOptional(a: RawValue | undefined, b: RawValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sameRawMeaning(a, b);
}

export const indicatorDecider: Decider<IndicatorState, IndicatorCommand, IndicatorEvent> = {
  initialState: () => ({ status: 'unknown' }),

  evolve(state, event) {
    if (event.type === 'IndicatorDefined') {
      const { documentId, ...definition } = event.data;
      if (state.status === 'unknown') {
        return {
          status: 'defined',
          definition,
          byDocument: { [documentId]: definition },
          targets: {},
          agreements: {},
          realisations: {},
          statements: {},
        };
      }
      return {
        ...state,
        definition: mergeDefined(state.definition, definition),
        byDocument: { ...state.byDocument, [documentId]: definition },
      };
    }
    if (state.status !== 'defined') return state;
    switch (event.type) {
      case 'BaselineSet':
        return { ...state, baseline: { year: event.data.year, value: event.data.value } };
      case 'TargetSet':
      case 'TargetRevised':
        return { ...state, targets: { ...state.targets, [event.data.year]: event.data.value } };
      case 'AgreementTargetSet':
        return { ...state, agreements: { ...state.agreements, [event.data.year]: event.data.value } };
      case 'RealisationReported': {
        const { period, value, target, reportedAchievement, documentId } = event.data;
        const previous = state.realisations[period];
        const reports = { ...(previous?.reports ?? {}), [documentId ?? PLANNER_REPORT]: value };
        const next: RealisationState = {
          value,
          reports,
          ...(target === undefined ? {} : { target }),
          ...(reportedAchievement === undefined ? {} : { reportedAchievement }),
        };
        return { ...state, realisations: { ...state.realisations, [period]: next } };
      }
      case 'RealisationCorrected': {
        const { period, value, reportedAchievement } = event.data;
        const previous = state.realisations[period];
        const reports = previous?.reports ?? {};
        const achievement = reportedAchievement ?? previous?.reportedAchievement;
        const next: RealisationState =
          achievement === undefined
            ? { value, reports }
            : { value, reportedAchievement: achievement, reports };
        return { ...state, realisations: { ...state.realisations, [period]: next } };
      }
      case 'IndicatorValueStated':
        return {
          ...state,
          statements: { ...state.statements, [statementKey(event.data)]: statementContent(event.data) },
        };
      default: {
        const never: never = event;
        return never;
      }
    }
  },

  decide(command, state) {
    if (command.type === 'DefineIndicator') {
      const { documentId, ...definition } = command.data;
      if (state.status === 'defined' && alreadyDefined(state, documentId, definition, DEFINITION_FIELDS))
        return [];
      return [{ type: 'IndicatorDefined', data: command.data }];
    }
    if (state.status !== 'defined')
      throw unknownIndicator(command.data.organisationId, command.data.indicatorId);
    switch (command.type) {
      case 'SetBaseline': {
        const current = state.baseline;
        if (
          current &&
          current.year === command.data.year &&
          sameRawMeaning(current.value, command.data.value)
        )
          return [];
        return [{ type: 'BaselineSet', data: command.data }];
      }
      case 'SetTargetFromDocument':
        return setTargetFromDocument(command.data, state);
      case 'ReviseTarget':
        return reviseTarget(command.data, state);
      case 'SetAgreementTarget': {
        const current = state.agreements[command.data.year];
        if (current !== undefined && sameRawMeaning(current, command.data.value)) return [];
        return [
          {
            type: 'AgreementTargetSet',
            data: current === undefined ? command.data : { ...command.data, previous: current },
          },
        ];
      }
      case 'ReportRealisation':
        return reportRealisation(command.data, state);
      case 'CorrectRealisation':
        return correctRealisation(command.data, state);
      case 'StateIndicatorValue': {
        const recorded = state.statements[statementKey(command.data)];
        if (recorded === statementContent(command.data)) return [];
        return [{ type: 'IndicatorValueStated', data: command.data }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};

function setTargetFromDocument(
  data: Extract<IndicatorCommand, { type: 'SetTargetFromDocument' }>['data'],
  state: Defined,
): IndicatorEvent[] {
  const { organisationId, indicatorId, year, value, document } = data;
  const current = state.targets[year];
  if (current === undefined)
    return [
      { type: 'TargetSet', data: { organisationId, indicatorId, year, value, documentId: document.id } },
    ];
  if (sameRawMeaning(current, value)) return [];
  return [
    {
      type: 'TargetRevised',
      data: {
        organisationId,
        indicatorId,
        year,
        previous: current,
        value,
        reason: `Target ${year} menurut dokumen "${document.title}"`,
        origin: 'document',
        ...(document.legalBasis ? { legalBasis: document.legalBasis } : {}),
        documentId: document.id,
        ...(document.issuedOn ? { effectiveOn: document.issuedOn } : {}),
      },
    },
  ];
}

function reviseTarget(
  data: Extract<IndicatorCommand, { type: 'ReviseTarget' }>['data'],
  state: Defined,
): IndicatorEvent[] {
  if (data.reason.trim() === '') {
    throw new DomainError('TARGET_REVISION_NEEDS_REASON', {
      id: 'Revisi target wajib menyebutkan alasan.',
      en: 'A target revision needs a reason.',
    });
  }
  if (!data.legalBasis?.trim() && !data.documentReference?.trim()) {
    throw new DomainError('TARGET_REVISION_NEEDS_LEGAL_BASIS', {
      id: 'Revisi target wajib menyebutkan dasar hukum atau dokumen rujukan.',
      en: 'A target revision needs a legal basis or a document reference.',
    });
  }
  const current = state.targets[data.year];
  if (current !== undefined && sameRawMeaning(current, data.value)) return [];
  return [{ type: 'TargetRevised', data: { ...data, previous: current ?? null, origin: 'planner' } }];
}

function reportRealisation(
  data: Extract<IndicatorCommand, { type: 'ReportRealisation' }>['data'],
  state: Defined,
): IndicatorEvent[] {
  assertPeriod(data.period);
  const current = state.realisations[data.period];
  const source = data.documentId ?? PLANNER_REPORT;
  const fromThisSource = current?.reports[source];
  if (
    fromThisSource !== undefined &&
    sameRawMeaning(fromThisSource, data.value) &&
    sameOptional(current?.reportedAchievement, data.reportedAchievement) &&
    sameOptional(current?.target ?? undefined, data.target ?? undefined)
  ) {
    return [];
  }
  if (data.documentId === undefined && current !== undefined && !sameRawMeaning(current.value, data.value)) {
    throw new DomainError(
      'REALISATION_ALREADY_REPORTED',
      {
        id: `Realisasi periode ${data.period} sudah dilaporkan (${String(current.value)}); gunakan koreksi realisasi dengan alasan.`,
        en: `A realisation for ${data.period} is already reported (${String(current.value)}); correct it with a reason instead.`,
      },
      'conflict',
      { period: data.period, current: current.value },
    );
  }
  return [{ type: 'RealisationReported', data }];
}

function correctRealisation(
  data: Extract<IndicatorCommand, { type: 'CorrectRealisation' }>['data'],
  state: Defined,
): IndicatorEvent[] {
  assertPeriod(data.period);
  if (data.reason.trim() === '') {
    throw new DomainError('REALISATION_CORRECTION_NEEDS_REASON', {
      id: 'Koreksi realisasi wajib menyebutkan alasan.',
      en: 'A realisation correction needs a reason.',
    });
  }
  const current = state.realisations[data.period];
  if (!current) {
    throw new DomainError(
      'REALISATION_NOT_REPORTED',
      {
        id: `Belum ada realisasi periode ${data.period} yang dapat dikoreksi.`,
        en: `There is no realisation for ${data.period} to correct.`,
      },
      'conflict',
      { period: data.period },
    );
  }
  if (
    sameRawMeaning(current.value, data.value) &&
    (data.reportedAchievement === undefined ||
      sameOptional(current.reportedAchievement, data.reportedAchievement))
  ) {
    return [];
  }
  return [{ type: 'RealisationCorrected', data: { ...data, previous: current.value } }];
}

function assertPeriod(period: string): void {
  if (!isPeriod(period)) {
    throw new DomainError(
      'PERIOD_INVALID',
      {
        id: `Periode "${period}" tidak dikenal; gunakan 2024, 2024-Q1, 2024-S1 atau 2024-03.`,
        en: `Period "${period}" is not recognised; use 2024, 2024-Q1, 2024-S1 or 2024-03.`,
      },
      'rule',
      { period },
    );
  }
}

export function unknownIndicator(organisationId: string, indicatorId: string): DomainError {
  return new DomainError(
    'UNKNOWN_INDICATOR',
    {
      id: `Indikator "${indicatorId}" belum didefinisikan untuk ${organisationId}.`,
      en: `Indicator "${indicatorId}" is not defined for ${organisationId}.`,
    },
    'not-found',
    { organisationId, indicatorId },
  );
}
