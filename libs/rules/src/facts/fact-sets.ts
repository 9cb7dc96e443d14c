import type { EvaluationKind, FactSet, Scope, Subject } from '../rule';
import { deadlinesFor } from '../settings';
import { finishFacts, prepareFacts, type BatchContext, type FactDefinitions } from './define';
import { organisationContext, subjectIn } from './context';
import { DOCUMENT_FACTS } from './document.facts';
import { INDICATOR_PERIOD_FACTS, periodContext, periodsOf } from './indicator-period.facts';
import { indicatorContext, INDICATOR_FACTS } from './indicator.facts';
import type { OrganisationModel } from './model';
import { nodeContext, NODE_FACTS } from './node.facts';
import { ORGANISATION_FACTS } from './organisation.facts';

export type { BatchContext } from './define';

/**
 * The format of prepared fact sets as stored (`serialisePrepared`). Bump it when a prepared fact or part
 * changes meaning, or the stored layout changes: rows of another format are stale and prepared again.
 * 3: the compact layout (`CompactPrepared`).
 */
export const PREPARED_FORMAT = 3;

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
  const subject = (over: Partial<Subject>): Subject =>
    subjectIn(prepared.organisationId, prepared.organisationName, over);
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

/**
 * An object as stored in the compact layout: the index of its key list (`shapes`) and its values in that
 * order. Only keys whose value is not undefined are kept (as `JSON.stringify` of the object would).
 */
type CompactObject =
  | readonly [shape: number, values: readonly unknown[]]
  /** `shared`: the places among `values` that hold an index into the organisation's shared values. */
  | readonly [shape: number, values: readonly unknown[], shared: readonly number[]];

/** A review fact set: scope, key, subject, subjectOf (-1: none), year (-1: none), facts, parts, event ids. */
type CompactSet = readonly [
  scope: Scope,
  key: string,
  subject: CompactObject,
  subjectOf: number,
  year: number,
  facts: CompactObject,
  parts: CompactObject,
  eventIds: readonly number[],
];

/**
 * The prepared fact sets of one organisation as the facts read model stores them (`PREPARED_FORMAT` 3):
 * each list of keys once (`shapes`) and each object as its values, each event id once (`eventIds`, sets
 * refer to them by index), and each value several objects hold once (`shared`: an indicator's name, target
 * and lists recur in its periods' sets). A generated OPD's text is ≈ 0.39 MB instead of ≈ 0.89 MB as
 * plain JSON; reading it costs less CPU, but not in proportion: most of the work is making the ≈ 25 000
 * values, not reading the keys. Decoding gives back exactly the objects `JSON.parse(JSON.stringify(prepared))`
 * would (shared values are the same object in each set that holds them; nothing changes them).
 */
interface CompactPrepared {
  readonly format: number;
  readonly organisationId: string;
  readonly organisationName: string | null;
  readonly government: string | null;
  readonly shapes: readonly (readonly string[])[];
  readonly eventIds: readonly string[];
  /** Values (texts, lists, records) that several objects hold: stored once, parsed once. */
  readonly shared: readonly unknown[];
  readonly sets: readonly CompactSet[];
  readonly compliance: readonly [
    facts: CompactObject,
    parts: CompactObject,
    eventIds: readonly number[],
    submissions: readonly (readonly [number, number])[],
  ];
}

/** Texts at least this long that several objects hold are stored once (`shared`). */
const SHARED_TEXT = 8;

/** Prepared fact sets as stored in the facts read model (the compact layout, JSON text). */
export function serialisePrepared(prepared: PreparedOrganisation): string {
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const eventIds: string[] = [];
  const eventIndex = new Map<string, number>();
  // Values several objects hold — the same text, or the same list or record (one object the fold or the
  // preparation put in several sets): a first pass counts them, the second stores them once.
  const counts = new Map<unknown, number>();
  const candidates: [values: unknown[], places: number[], compact: unknown[]][] = [];
  const object = (value: Readonly<Record<string, unknown>>): CompactObject => {
    const names: string[] = [];
    const values: unknown[] = [];
    for (const name in value) {
      const v = value[name];
      if (v === undefined) continue;
      names.push(name);
      values.push(v);
    }
    const id = names.join('\u0000');
    let shape = shapeIndex.get(id);
    if (shape === undefined) {
      shape = shapes.length;
      shapes.push(names);
      shapeIndex.set(id, shape);
    }
    const places: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(typeof v === 'string' ? v.length >= SHARED_TEXT : typeof v === 'object' && v !== null)) continue;
      places.push(i);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const compact: unknown[] = [shape, values];
    if (places.length > 0) candidates.push([values, places, compact]);
    return compact as unknown as CompactObject;
  };
  const event = (id: string): number => {
    let index = eventIndex.get(id);
    if (index === undefined) {
      index = eventIds.length;
      eventIds.push(id);
      eventIndex.set(id, index);
    }
    return index;
  };
  const sets = prepared.sets.map((set): CompactSet => [
    set.scope,
    set.key,
    object(set.subject),
    set.subjectOf ?? -1,
    set.year ?? -1,
    object(set.facts),
    object(set.parts),
    set.eventIds.map(event),
  ]);
  const { compliance } = prepared;
  const shared: unknown[] = [];
  const sharedIndex = new Map<unknown, number>();
  for (const [values, places, compact] of candidates) {
    const refs: number[] = [];
    for (const place of places) {
      const v = values[place];
      if (counts.get(v)! < 2) continue;
      let index = sharedIndex.get(v);
      if (index === undefined) {
        index = shared.length;
        shared.push(v);
        sharedIndex.set(v, index);
      }
      values[place] = index;
      refs.push(place);
    }
    if (refs.length > 0) compact.push(refs);
  }
  const compact: CompactPrepared = {
    format: prepared.format,
    organisationId: prepared.organisationId,
    organisationName: prepared.organisationName,
    government: prepared.government,
    shapes,
    eventIds,
    shared,
    sets,
    compliance: [
      object(compliance.facts),
      object(compliance.parts),
      compliance.eventIds.map(event),
      compliance.submissions.map(([year, id]) => [year, event(id)] as const),
    ],
  };
  return JSON.stringify(compact);
}

type Maker = (values: readonly unknown[]) => Record<string, unknown>;

/** Makers of objects by key list, shared by every organisation read (a few dozen key lists in all). */
const makers = new Map<string, Maker>();
const MAKERS_KEPT = 1000;

/**
 * A function making objects with these keys from their values: an object literal with the keys written out
 * (V8 builds it from one template, far quicker than adding keys one by one). The keys are written as JSON
 * strings, so any text is a safe key.
 */
function makerOf(names: readonly string[]): Maker {
  const id = names.join('\u0000');
  let maker = makers.get(id);
  if (maker) return maker;
  const body = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are JSON string literals, values by index
  maker = new Function('v', `return { ${body} };`) as Maker;
  if (makers.size < MAKERS_KEPT) makers.set(id, maker);
  return maker;
}

/** Prepared fact sets from their stored text (`serialisePrepared`). */
export function parsePrepared(text: string): PreparedOrganisation {
  const compact = JSON.parse(text) as CompactPrepared;
  const { eventIds } = compact;
  const make = compact.shapes.map(makerOf);
  const { shared } = compact;
  const object = (stored: CompactObject): Record<string, unknown> => {
    const values = stored[1] as unknown[];
    const places = stored[2];
    if (places) for (const place of places) values[place] = shared[values[place] as number];
    return make[stored[0]]!(values);
  };
  const events = (indexes: readonly number[]): string[] => {
    const ids = new Array<string>(indexes.length);
    for (let i = 0; i < indexes.length; i++) ids[i] = eventIds[indexes[i]!]!;
    return ids;
  };
  const sets = new Array<PreparedFactSet>(compact.sets.length);
  for (let i = 0; i < sets.length; i++) {
    const [scope, key, subject, subjectOf, year, facts, parts, eventIndexes] = compact.sets[i]!;
    const set: { -readonly [K in keyof PreparedFactSet]: PreparedFactSet[K] } = {
      scope,
      key,
      subject: object(subject),
      facts: object(facts),
      parts: object(parts),
      eventIds: events(eventIndexes),
    };
    if (subjectOf !== -1) set.subjectOf = subjectOf;
    if (year !== -1) set.year = year;
    sets[i] = set;
  }
  const [facts, parts, complianceEvents, submissions] = compact.compliance;
  return {
    format: compact.format,
    organisationId: compact.organisationId,
    organisationName: compact.organisationName,
    government: compact.government,
    sets,
    compliance: {
      facts: object(facts),
      parts: object(parts),
      eventIds: events(complianceEvents),
      submissions: submissions.map(([year, index]) => [year, eventIds[index]!] as const),
    },
  };
}
