import type {
  DocumentDetails,
  IndicatorDefinition,
  NodeDefinition,
  OrganisationDetails,
  RawValue,
} from '@sakip/domain';

/** An event as the fold needs it (a StoredEvent fits). */
export interface ModelEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface Valued {
  readonly value: RawValue;
  readonly eventId: string;
  readonly documentId: string | null;
}

export interface Revision {
  readonly year: number;
  readonly previous: RawValue | null;
  readonly value: RawValue;
  readonly reason: string;
  readonly origin: string;
  readonly legalBasis: string | null;
  readonly documentReference: string | null;
  readonly documentId: string | null;
  readonly effectiveOn: string | null;
  readonly recordedAt: string | null;
  readonly eventId: string;
}

export interface RealisationRecord {
  readonly period: string;
  readonly value: RawValue;
  readonly reportedAchievement: RawValue | null;
  readonly reportedOn: string | null;
  readonly documentId: string | null;
  readonly corrected: boolean;
  readonly eventIds: string[];
  /** Every value a document reported for this period, by document (to find conflicting reports). */
  readonly byDocument: Map<string, RawValue>;
}

export interface IndicatorModel {
  definition: IndicatorDefinition;
  readonly eventIds: string[];
  baseline: { year: number; value: RawValue } | null;
  readonly targets: Map<number, Valued>;
  readonly revisions: Revision[];
  readonly agreements: Map<number, Valued & { signedOn: string | null }>;
  readonly realisations: Map<string, RealisationRecord>;
}

export interface NodeModel {
  definition: NodeDefinition;
  readonly documentIds: Set<string>;
  readonly eventIds: string[];
  readonly budgets: Map<number, Valued>;
}

export interface SubmissionModel {
  readonly kind: string;
  readonly year: number;
  readonly submittedOn: string;
  readonly documentId: string | null;
  readonly eventId: string;
}

/** Everything on record about one organisation, folded from its events (pure, in event order). */
export interface OrganisationModel {
  readonly organisationId: string;
  details: OrganisationDetails | null;
  readonly eventIds: string[];
  readonly documents: Map<string, DocumentDetails & { eventId: string }>;
  readonly nodes: Map<string, NodeModel>;
  readonly indicators: Map<string, IndicatorModel>;
  readonly submissions: SubmissionModel[];
}

export function emptyModel(organisationId: string): OrganisationModel {
  return {
    organisationId,
    details: null,
    eventIds: [],
    documents: new Map(),
    nodes: new Map(),
    indicators: new Map(),
    submissions: [],
  };
}

type Data = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function indicatorOf(model: OrganisationModel, d: Data): IndicatorModel | undefined {
  return model.indicators.get(String(d['indicatorId']));
}

/** Applies one event to the model. Unknown event types are ignored (other aggregates, newer types). */
export function applyEvent(model: OrganisationModel, event: ModelEvent): OrganisationModel {
  const d = (event.data ?? {}) as Data;
  switch (event.type) {
    case 'OrganisationRegistered':
    case 'OrganisationDetailsChanged':
      model.details = { ...(model.details ?? {}), ...(d as unknown as OrganisationDetails) };
      model.eventIds.push(event.id);
      break;
    case 'DocumentRegistered':
      model.documents.set(String(d['documentId']), {
        ...(d as unknown as DocumentDetails),
        eventId: event.id,
      });
      break;
    case 'DocumentSubmitted':
      model.submissions.push({
        kind: String(d['kind']),
        year: Number(d['year']),
        submittedOn: String(d['submittedOn']),
        documentId: text(d['documentId']),
        eventId: event.id,
      });
      break;
    case 'NodeDefined': {
      const id = String(d['nodeId']);
      const node = model.nodes.get(id);
      const definition = d as unknown as NodeDefinition & { documentId: string };
      if (node) {
        node.definition = { ...node.definition, ...definition };
        node.documentIds.add(definition.documentId);
        node.eventIds.push(event.id);
      } else
        model.nodes.set(id, {
          definition,
          documentIds: new Set([definition.documentId]),
          eventIds: [event.id],
          budgets: new Map(),
        });
      break;
    }
    case 'BudgetAllocated': {
      const node = model.nodes.get(String(d['nodeId']));
      if (!node) break;
      node.budgets.set(Number(d['year']), {
        value: d['amount'] as RawValue,
        eventId: event.id,
        documentId: text(d['documentId']),
      });
      node.eventIds.push(event.id);
      break;
    }
    case 'IndicatorDefined': {
      const id = String(d['indicatorId']);
      const existing = model.indicators.get(id);
      const definition = d as unknown as IndicatorDefinition;
      if (existing) {
        existing.definition = { ...existing.definition, ...definition };
        existing.eventIds.push(event.id);
      } else
        model.indicators.set(id, {
          definition,
          eventIds: [event.id],
          baseline: null,
          targets: new Map(),
          revisions: [],
          agreements: new Map(),
          realisations: new Map(),
        });
      break;
    }
    case 'BaselineSet': {
      const indicator = indicatorOf(model, d);
      if (!indicator) break;
      indicator.baseline = { year: Number(d['year']), value: d['value'] as RawValue };
      indicator.eventIds.push(event.id);
      break;
    }
    case 'TargetSet':
    case 'TargetRevised': {
      const indicator = indicatorOf(model, d);
      if (!indicator) break;
      const year = Number(d['year']);
      indicator.targets.set(year, {
        value: d['value'] as RawValue,
        eventId: event.id,
        documentId: text(d['documentId']),
      });
      if (event.type === 'TargetRevised') {
        const document = text(d['documentId']) ? model.documents.get(String(d['documentId'])) : undefined;
        indicator.revisions.push({
          year,
          previous: (d['previous'] as RawValue | null | undefined) ?? null,
          value: d['value'] as RawValue,
          reason: text(d['reason']) ?? '',
          origin: text(d['origin']) ?? 'planner',
          legalBasis: text(d['legalBasis']) ?? document?.legalBasis ?? null,
          documentReference: text(d['documentReference']),
          documentId: text(d['documentId']),
          effectiveOn: text(d['effectiveOn']) ?? document?.issuedOn ?? null,
          recordedAt: text(event.metadata?.['recordedAt']),
          eventId: event.id,
        });
      }
      indicator.eventIds.push(event.id);
      break;
    }
    case 'AgreementTargetSet': {
      const indicator = indicatorOf(model, d);
      if (!indicator) break;
      indicator.agreements.set(Number(d['year']), {
        value: d['value'] as RawValue,
        eventId: event.id,
        documentId: text(d['documentId']),
        signedOn: text(d['signedOn']),
      });
      indicator.eventIds.push(event.id);
      break;
    }
    case 'RealisationReported':
    case 'RealisationCorrected': {
      const indicator = indicatorOf(model, d);
      if (!indicator) break;
      const period = String(d['period']);
      const previous = indicator.realisations.get(period);
      const documentId = text(d['documentId']);
      const byDocument = previous?.byDocument ?? new Map<string, RawValue>();
      if (documentId) byDocument.set(documentId, d['value'] as RawValue);
      indicator.realisations.set(period, {
        period,
        value: d['value'] as RawValue,
        reportedAchievement: (d['reportedAchievement'] as RawValue | undefined) ?? null,
        reportedOn: text(d['reportedOn']) ?? text(d['correctedOn']) ?? previous?.reportedOn ?? null,
        documentId: documentId ?? previous?.documentId ?? null,
        corrected: event.type === 'RealisationCorrected' || (previous?.corrected ?? false),
        eventIds: [...(previous?.eventIds ?? []), event.id],
        byDocument,
      });
      indicator.eventIds.push(event.id);
      break;
    }
    default:
      break;
  }
  return model;
}

export function foldOrganisation(organisationId: string, events: Iterable<ModelEvent>): OrganisationModel {
  const model = emptyModel(organisationId);
  for (const event of events) applyEvent(model, event);
  return model;
}
