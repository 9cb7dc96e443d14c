import type { EvaluationKind, FactSet, Scope, Subject } from '../rule';
import { deadlinesFor } from '../settings';
import { finishFacts, prepareFacts, type BatchContext, type FactDefinitions } from './define';
import { organisationContext } from './context';
import { DOCUMENT_FACTS } from './document.facts';
import { INDICATOR_PERIOD_FACTS, periodContext, periodsOf } from './indicator-period.facts';
import { indicatorContext, INDICATOR_FACTS } from './indicator.facts';
import type { OrganisationModel } from './model';
import { nodeContext, NODE_FACTS } from './node.facts';
import { ORGANISATION_FACTS } from './organisation.facts';

export type { BatchContext } from './define';

/**
 * The format of prepared fact sets. Bump it (and the facts read model's version) when a prepared fact
 * or part changes meaning: stored fact sets of another format are not used.
 */
export const PREPARED_FORMAT = 2;

/** Facts every set of an organisation has with the same value: stored once per organisation. */
const ORGANISATION_WIDE: ReadonlySet<string> = new Set(['organisationId', 'organisationName', 'government']);

/** One fact set without the batch: prepared facts, the parts batch facts need, and what it rests on. */
export interface PreparedFactSet {
  readonly scope: Scope;
  readonly key: string;
  /** The subject beyond the organisation (the organisation is the prepared organisation's). */
  readonly subject: Partial<Subject>;
  /** The index of the set whose subject this one's extends (an indicator period: its indicator). */
  readonly subjectOf?: number;
  readonly facts: Record<string, unknown>;
  readonly parts: Record<string, unknown>;
  readonly eventIds: readonly string[];
  /** indicator-period: the year of the period (a batch keeps the periods up to its year). */
  readonly year?: number;
}

/**
 * Everything about one organisation's fact sets that does not depend on the batch: a pure function of the
 * organisation's events (JSON, as the facts read model stores it).
 */
export interface PreparedOrganisation {
  readonly format: number;
  readonly organisationId: string;
  readonly organisationName: string | null;
  /** The regional government (its deadlines may differ). */
  readonly government: string | null;
  /** Review fact sets: nodes, indicators, indicator periods, documents. */
  readonly sets: readonly PreparedFactSet[];
  /** The compliance fact set (its year is the batch's). */
  readonly compliance: {
    readonly facts: Record<string, unknown>;
    readonly parts: Record<string, unknown>;
    readonly eventIds: readonly string[];
    /** Submissions: [year, event id] (a year's set rests on that year's). */
    readonly submissions: readonly (readonly [number, string])[];
  };
}

const DEFINITIONS: Readonly<Record<Scope, FactDefinitions<never>>> = {
  node: NODE_FACTS.facts,
  indicator: INDICATOR_FACTS.facts,
  'indicator-period': INDICATOR_PERIOD_FACTS.facts,
  document: DOCUMENT_FACTS.facts,
  organisation: ORGANISATION_FACTS.facts,
};

/** Prepares the fact sets of one organisation: everything that does not depend on a batch. */
export function prepareFactSets(model: OrganisationModel): PreparedOrganisation {
  const org = organisationContext(model);
  const sets: PreparedFactSet[] = [];
  for (const node of model.nodes.values()) {
    const def = node.definition;
    const document = org.documentOf(node.documentIds);
    sets.push({
      scope: 'node',
      key: `node:${def.nodeId}`,
      subject: {
        documentId: document?.documentId ?? null,
        documentTitle: document?.title ?? null,
        nodeId: def.nodeId,
        nodeCode: def.code ?? def.nodeId,
        nodeName: def.name,
      },
      ...prepareFacts(NODE_FACTS.facts, nodeContext(org, node), ORGANISATION_WIDE),
      eventIds: node.eventIds,
    });
  }
  for (const indicator of model.indicators.values()) {
    const context = indicatorContext(org, indicator);
    const def = indicator.definition;
    const node = context.node;
    const document = org.documentOf(indicator.documentIds) ?? org.documentOf(node?.documentIds ?? []);
    const subject: Partial<Subject> = {
      documentId: document?.documentId ?? null,
      documentTitle: document?.title ?? null,
      nodeId: def.nodeId,
      nodeCode: node?.definition.code ?? def.nodeId,
      nodeName: node?.definition.name ?? null,
      indicatorId: def.indicatorId,
      indicatorName: def.name,
    };
    const subjectOf = sets.length;
    sets.push({
      scope: 'indicator',
      key: `indicator:${def.indicatorId}`,
      subject,
      ...prepareFacts(INDICATOR_FACTS.facts, context, ORGANISATION_WIDE),
      eventIds: indicator.eventIds,
    });
    for (const { period, parsed } of periodsOf(indicator)) {
      const periodSet = periodContext(org, indicator, period, parsed);
      const target = indicator.targets.get(parsed.year);
      sets.push({
        scope: 'indicator-period',
        key: `indicator-period:${def.indicatorId}:${period}`,
        subject: { period },
        subjectOf,
        ...prepareFacts(INDICATOR_PERIOD_FACTS.facts, periodSet, ORGANISATION_WIDE),
        eventIds: [...(target ? [target.eventId] : []), ...(periodSet.realisation?.eventIds ?? [])],
        year: parsed.year,
      });
    }
  }
  for (const document of model.documents.values())
    sets.push({
      scope: 'document',
      key: `document:${document.documentId}`,
      subject: { documentId: document.documentId, documentTitle: document.title },
      ...prepareFacts(DOCUMENT_FACTS.facts, { org, document }, ORGANISATION_WIDE),
      eventIds: [document.eventId],
    });
  return {
    format: PREPARED_FORMAT,
    organisationId: model.organisationId,
    organisationName: model.details?.name ?? null,
    government: model.details?.government ?? null,
    sets,
    compliance: {
      ...prepareFacts(ORGANISATION_FACTS.facts, { org }, ORGANISATION_WIDE),
      eventIds: model.eventIds,
      submissions: model.submissions.map((s) => [s.year, s.eventId] as const),
    },
  };
}

/** The fact sets of one organisation for one batch, from its prepared fact sets. */
export function finishFactSets(
  prepared: PreparedOrganisation,
  batch: BatchContext,
  kinds: readonly EvaluationKind[] = ['review', 'compliance'],
  options: {
    /** Finish the prepared objects themselves (they are used once: no copies). */
    readonly inPlace?: boolean;
  } = {},
): FactSet[] {
  const inPlace = options.inPlace ?? false;
  const deadlines = deadlinesFor(batch.settings, prepared.government);
  const common = {
    organisationId: prepared.organisationId,
    organisationName: prepared.organisationName,
    government: prepared.government,
  };
  const subject = (over: Partial<Subject>): Subject => ({
    organisationId: prepared.organisationId,
    organisationName: prepared.organisationName,
    documentId: null,
    documentTitle: null,
    nodeId: null,
    nodeCode: null,
    nodeName: null,
    indicatorId: null,
    indicatorName: null,
    period: null,
    ...over,
  });
  const sets: FactSet[] = [];
  if (kinds.includes('review'))
    for (const set of prepared.sets) {
      if (set.year !== undefined && set.year > batch.evaluationYear) continue;
      sets.push({
        scope: set.scope,
        key: set.key,
        subject:
          set.subjectOf === undefined
            ? subject(set.subject)
            : subject({ ...prepared.sets[set.subjectOf]!.subject, ...set.subject }),
        facts: finishFacts(DEFINITIONS[set.scope], set, batch, deadlines, common, inPlace),
        eventIds: set.eventIds,
      });
    }
  if (kinds.includes('compliance')) {
    const year = batch.evaluationYear;
    const { compliance } = prepared;
    sets.push({
      scope: 'organisation',
      key: `organisation:${prepared.organisationId}:${year}`,
      subject: subject({ period: String(year) }),
      facts: finishFacts(ORGANISATION_FACTS.facts, compliance, batch, deadlines, common, inPlace),
      eventIds: [
        ...compliance.eventIds,
        ...compliance.submissions.filter(([y]) => y === year).map(([, id]) => id),
      ],
    });
  }
  return sets;
}

/**
 * The fact sets of one organisation for one evaluation year. `review`: what documents say (indicators,
 * their periods, nodes, documents); `compliance`: what the store holds or lacks for the year.
 * The same as finishing its prepared fact sets (what the facts read model stores).
 */
export function buildFactSets(
  model: OrganisationModel,
  batch: BatchContext,
  kinds: readonly EvaluationKind[] = ['review', 'compliance'],
): FactSet[] {
  return finishFactSets(prepareFactSets(model), batch, kinds, { inPlace: true });
}
