import { interpretValue, type DocumentValue, type RawValue } from '@sakip/domain';
import type { Subject, SubjectRef } from '../rule';
import type { DocumentModel, IndicatorModel, NodeModel, OrganisationModel } from './model';
import { normaliseText } from './text';

export type { BatchContext } from './define';

/**
 * Interpretations of printed values, by text: preparing an organisation reads the same cells for many
 * facts, and organisations print the same values. Interpretations are immutable (shared by the facts
 * that read them); the cache is emptied when it grows past `INTERPRETED_KEPT`.
 */
const interpreted = new Map<string, DocumentValue>();
const INTERPRETED_KEPT = 100_000;

export const value = (raw: RawValue | null | undefined): DocumentValue => {
  if (typeof raw !== 'string') return interpretValue(raw ?? null);
  let known = interpreted.get(raw);
  if (known === undefined) {
    if (interpreted.size >= INTERPRETED_KEPT) interpreted.clear();
    known = interpretValue(raw);
    interpreted.set(raw, known);
  }
  return known;
};
export const isEmpty = (raw: RawValue | null | undefined) => value(raw).kind === 'empty';
export const round = (n: number) => Math.round(n * 100) / 100;
export const PLAN_KINDS: ReadonlySet<string> = new Set(['renstra', 'renja']);

/**
 * What every prepared fact of an organisation may look at, computed once per organisation. It holds no
 * batch: what depends on the batch is a batch fact's `finish`.
 */
export interface OrganisationContext {
  readonly model: OrganisationModel;
  readonly children: ReadonlyMap<string, readonly NodeModel[]>;
  readonly indicatorsOfNode: ReadonlyMap<string, readonly IndicatorModel[]>;
  /** Indicators by normalised name (to find the same text on different nodes). */
  readonly indicatorsByName: ReadonlyMap<string, readonly IndicatorModel[]>;
  /** Nodes by normalised name. */
  readonly nodesByName: ReadonlyMap<string, readonly NodeModel[]>;
  /** Indicators by their realisation series (three periods or more, text as printed). */
  readonly indicatorsByRealisations: ReadonlyMap<string, readonly IndicatorModel[]>;
  documentOf(ids: Iterable<string>): DocumentModel | undefined;
  subject(over: Partial<Subject>): Subject;
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The realisation series of an indicator as printed, when it has three periods or more. */
export function realisationSeriesKey(indicator: IndicatorModel): string | undefined {
  const periods = [...indicator.realisations.values()].sort((a, b) => a.period.localeCompare(b.period));
  if (periods.length < 3) return undefined;
  const values = periods.map((r) => value(r.value));
  if (values.some((v) => v.kind !== 'number')) return undefined;
  return periods.map((r, i) => `${r.period}=${(values[i] as { value: number }).value}`).join(';');
}

export function organisationContext(model: OrganisationModel): OrganisationContext {
  const indicators = [...model.indicators.values()];
  const organisationName = model.details?.name ?? null;
  return {
    model,
    children: groupBy(model.nodes.values(), (node) => node.definition.parent),
    indicatorsOfNode: groupBy(indicators, (indicator) => indicator.definition.nodeId),
    indicatorsByName: groupBy(
      indicators,
      (indicator) => normaliseText(indicator.definition.name) || undefined,
    ),
    nodesByName: groupBy(model.nodes.values(), (node) => normaliseText(node.definition.name) || undefined),
    indicatorsByRealisations: groupBy(indicators, realisationSeriesKey),
    documentOf(ids) {
      for (const id of ids) {
        const document = model.documents.get(id);
        if (document) return document;
      }
      return undefined;
    },
    subject: (over) => subjectIn(model.organisationId, organisationName, over),
  };
}

/** A finding's subject in an organisation: what `over` names, every other part null. */
export function subjectIn(
  organisationId: string,
  organisationName: string | null,
  over: Partial<Subject>,
): Subject {
  return {
    organisationId,
    organisationName,
    documentId: null,
    documentTitle: null,
    nodeId: null,
    nodeCode: null,
    nodeName: null,
    indicatorId: null,
    indicatorName: null,
    period: null,
    ...over,
  };
}

export type { SubjectRef } from '../rule';

export const indicatorRef = (indicator: IndicatorModel): SubjectRef => ({
  node: indicator.definition.nodeId,
  indicator: indicator.definition.indicatorId,
});
export const nodeRef = (node: NodeModel): SubjectRef => ({ node: node.definition.nodeId, indicator: null });
