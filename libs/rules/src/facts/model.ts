import {
  asOrganisationalEvent,
  statementsOf,
  type DocumentDetails,
  type DocumentStatement,
  type IndicatorDefinition,
  type NodeDefinition,
  type OrganisationDetails,
  type Provenance,
  type RawValue,
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
  /** null: the row prints no realisation cell. */
  readonly value: RawValue | null;
  /** The target printed in the same row (bundle format 2). */
  readonly rowTarget: RawValue | null;
  readonly reportedAchievement: RawValue | null;
  readonly reportedOn: string | null;
  readonly documentId: string | null;
  readonly corrected: boolean;
  readonly eventIds: string[];
  /** Every value a document reported for this period, by document (to find conflicting reports). */
  readonly byDocument: Map<string, RawValue | null>;
}

/** A statement with the event that recorded it. */
export type StatementRecord = DocumentStatement & { readonly eventId: string };

export interface IndicatorModel {
  definition: IndicatorDefinition;
  readonly eventIds: string[];
  readonly documentIds: Set<string>;
  baseline: { year: number; value: RawValue; eventId: string } | null;
  readonly targets: Map<number, Valued>;
  readonly revisions: Revision[];
  readonly agreements: Map<number, Valued & { signedOn: string | null }>;
  readonly realisations: Map<string, RealisationRecord>;
  /** Every statement of a document about this indicator, primary ones included. */
  readonly statements: StatementRecord[];
}

export interface NodeModel {
  definition: NodeDefinition;
  readonly documentIds: Set<string>;
  readonly eventIds: string[];
  /** The primary yearly pagu. */
  readonly budgets: Map<number, Valued>;
  /** Every budget statement (primary pagu, totals, money spent, repeats). */
  readonly statements: StatementRecord[];
}

export interface SubmissionModel {
  readonly kind: string;
  readonly year: number;
  readonly submittedOn: string;
  readonly documentId: string | null;
  readonly eventId: string;
}

export type DocumentModel = DocumentDetails & {
  readonly eventId: string;
  /** Budget rows of the document as a whole (its total rows). */
  readonly statements: StatementRecord[];
};

/** Everything on record about one organisation, folded from its events (pure, in event order). */
export interface OrganisationModel {
  readonly organisationId: string;
  details: OrganisationDetails | null;
  readonly eventIds: string[];
  readonly documents: Map<string, DocumentModel>;
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

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Applies one event to the model. Events of other aggregates are ignored. */
export function applyEvent(model: OrganisationModel, event: ModelEvent): OrganisationModel {
  const known = asOrganisationalEvent(event);
  if (!known) return model;
  const provenance = event.metadata?.['provenance'] as Provenance | undefined;
  const source = provenance
    ? { ...(provenance.table ? { table: provenance.table } : {}), ...pageRow(provenance) }
    : undefined;
  const statements = statementsOf(known, source).map((s) => ({ ...s, eventId: event.id }));
  switch (known.type) {
    case 'OrganisationRegistered':
    case 'OrganisationDetailsChanged': {
      const { organisationId, name, government, province } = known.data;
      model.details = {
        ...(model.details ?? {}),
        organisationId,
        name,
        ...(government === undefined ? {} : { government }),
        ...(province === undefined ? {} : { province }),
      };
      model.eventIds.push(event.id);
      break;
    }
    case 'DocumentRegistered': {
      const previous = model.documents.get(known.data.documentId);
      model.documents.set(known.data.documentId, {
        ...known.data,
        eventId: event.id,
        statements: previous?.statements ?? [],
      });
      break;
    }
    case 'DocumentBudgetStated':
      model.documents.get(known.data.documentId)?.statements.push(...statements);
      break;
    case 'DocumentSubmitted':
      model.submissions.push({
        kind: known.data.kind,
        year: known.data.year,
        submittedOn: known.data.submittedOn,
        documentId: known.data.documentId ?? null,
        eventId: event.id,
      });
      break;
    case 'NodeDefined': {
      const { documentId, ...definition } = known.data;
      const node = model.nodes.get(definition.nodeId);
      if (node) {
        node.definition = { ...node.definition, ...definition };
        node.documentIds.add(documentId);
        node.eventIds.push(event.id);
      } else
        model.nodes.set(definition.nodeId, {
          definition,
          documentIds: new Set([documentId]),
          eventIds: [event.id],
          budgets: new Map(),
          statements: [],
        });
      break;
    }
    case 'BudgetAllocated': {
      const node = model.nodes.get(known.data.nodeId);
      if (!node) break;
      node.budgets.set(known.data.year, {
        value: known.data.amount,
        eventId: event.id,
        documentId: known.data.documentId ?? null,
      });
      node.statements.push(...statements);
      node.eventIds.push(event.id);
      break;
    }
    case 'BudgetStated': {
      const node = model.nodes.get(known.data.nodeId);
      if (!node) break;
      node.statements.push(...statements);
      node.eventIds.push(event.id);
      break;
    }
    case 'IndicatorDefined': {
      const { documentId, ...definition } = known.data;
      const existing = model.indicators.get(definition.indicatorId);
      if (existing) {
        existing.definition = { ...existing.definition, ...definition };
        existing.documentIds.add(documentId);
        existing.eventIds.push(event.id);
        existing.statements.push(...statements);
      } else
        model.indicators.set(definition.indicatorId, {
          definition,
          eventIds: [event.id],
          documentIds: new Set([documentId]),
          baseline: null,
          targets: new Map(),
          revisions: [],
          agreements: new Map(),
          realisations: new Map(),
          statements,
        });
      break;
    }
    case 'BaselineSet': {
      const indicator = model.indicators.get(known.data.indicatorId);
      if (!indicator) break;
      indicator.baseline = { year: known.data.year, value: known.data.value, eventId: event.id };
      indicator.statements.push(...statements);
      indicator.eventIds.push(event.id);
      break;
    }
    case 'TargetSet':
    case 'TargetRevised': {
      const indicator = model.indicators.get(known.data.indicatorId);
      if (!indicator) break;
      const { year, value } = known.data;
      const documentId = known.data.documentId ?? null;
      indicator.targets.set(year, { value, eventId: event.id, documentId });
      if (known.type === 'TargetRevised') {
        const d = known.data;
        const document = documentId ? model.documents.get(documentId) : undefined;
        indicator.revisions.push({
          year,
          previous: d.previous,
          value,
          reason: d.reason,
          origin: d.origin,
          legalBasis: d.legalBasis ?? document?.legalBasis ?? null,
          documentReference: d.documentReference ?? null,
          documentId,
          effectiveOn: d.effectiveOn ?? document?.issuedOn ?? null,
          recordedAt: text(event.metadata?.['recordedAt']),
          eventId: event.id,
        });
      }
      indicator.statements.push(...statements);
      indicator.eventIds.push(event.id);
      break;
    }
    case 'AgreementTargetSet': {
      const indicator = model.indicators.get(known.data.indicatorId);
      if (!indicator) break;
      indicator.agreements.set(known.data.year, {
        value: known.data.value,
        eventId: event.id,
        documentId: known.data.documentId ?? null,
        signedOn: known.data.signedOn ?? null,
      });
      indicator.statements.push(...statements);
      indicator.eventIds.push(event.id);
      break;
    }
    case 'RealisationReported':
    case 'RealisationCorrected': {
      const indicator = model.indicators.get(known.data.indicatorId);
      if (!indicator) break;
      const { period, value } = known.data;
      const previous = indicator.realisations.get(period);
      const documentId = known.type === 'RealisationReported' ? (known.data.documentId ?? null) : null;
      const byDocument = previous?.byDocument ?? new Map<string, RawValue | null>();
      if (documentId) byDocument.set(documentId, value);
      const reportedOn =
        known.type === 'RealisationReported' ? known.data.reportedOn : known.data.correctedOn;
      indicator.realisations.set(period, {
        period,
        value,
        rowTarget:
          known.type === 'RealisationReported' ? (known.data.target ?? null) : (previous?.rowTarget ?? null),
        reportedAchievement: known.data.reportedAchievement ?? null,
        reportedOn: reportedOn ?? previous?.reportedOn ?? null,
        documentId: documentId ?? previous?.documentId ?? null,
        corrected: known.type === 'RealisationCorrected' || (previous?.corrected ?? false),
        eventIds: [...(previous?.eventIds ?? []), event.id],
        byDocument,
      });
      indicator.statements.push(...statements);
      indicator.eventIds.push(event.id);
      break;
    }
    case 'IndicatorValueStated': {
      const indicator = model.indicators.get(known.data.indicatorId);
      if (!indicator) break;
      indicator.statements.push(...statements);
      indicator.eventIds.push(event.id);
      break;
    }
    default: {
      const never: never = known;
      return never;
    }
  }
  return model;
}

function pageRow(provenance: Provenance) {
  return {
    ...(provenance.page === undefined ? {} : { page: provenance.page }),
    ...(provenance.row === undefined ? {} : { row: provenance.row }),
  };
}

export function foldOrganisation(organisationId: string, events: Iterable<ModelEvent>): OrganisationModel {
  const model = emptyModel(organisationId);
  for (const event of events) applyEvent(model, event);
  return model;
}
