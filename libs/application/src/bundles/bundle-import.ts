import { createHash } from 'node:crypto';
import {
  documentDecider,
  indicatorDecider,
  INDICATOR_OPTIONAL_FIELDS,
  nodeDecider,
  organisationDecider,
  streamIds,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
  type NodeLevel,
  NODE_LEVELS,
} from '@sakip/domain';
import { formatPosition, type EventStore, type StoredEvent } from '@sakip/event-store';
import stringify from 'safe-stable-stringify';
import { v5 as uuidv5 } from 'uuid';
import {
  CommandPipeline,
  DecidingStream,
  type Histories,
  type PlannedCommand,
} from '../pipeline/command-pipeline';
import type { Bundle, BundleSource } from './bundle';
import { validateBundleShape, type BundleProblem } from './bundle-validation';

const EVENT_ID_NAMESPACE = '5b0e1c7a-6f7e-4c55-9d8e-5a4b3c2d1e0f';

export interface ImportContext {
  readonly actor: Actor;
  readonly now: string;
  readonly correlationId: string;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  readonly phase: 'validating' | 'reading' | 'deciding' | 'writing' | 'done';
  readonly done: number;
  readonly total: number;
}

export interface BundleCounts {
  readonly nodes: Readonly<Record<NodeLevel, number>>;
  readonly indicators: number;
  readonly baselines: number;
  readonly targets: number;
  readonly budgets: number;
  readonly agreements: number;
  readonly realisations: number;
  readonly submissions: number;
}

export interface StoredCounts extends BundleCounts {
  readonly targetRevisions: number;
  readonly events: number;
}

export interface ImportSummary {
  readonly organisationId: string;
  readonly organisationName: string;
  readonly documentId: string;
  readonly documentTitle: string;
  readonly documentKind: string;
  readonly period: { readonly start: number; readonly end: number };
  readonly contentHash: string;
  /** What the file holds. */
  readonly inBundle: BundleCounts;
  /** What this import stored (0 everywhere when the same bundle was imported before). */
  readonly stored: StoredCounts;
  readonly nothingNew: boolean;
  /** Position of the last event of the import (for read-your-writes), also when nothing new was written. */
  readonly position: string | null;
}

export type ImportOutcome =
  | { readonly ok: true; readonly summary: ImportSummary }
  | { readonly ok: false; readonly problems: readonly BundleProblem[] };

/** Stable id of a document: kind, period and a short hash of what identifies it (title, legal basis, date). */
export function documentIdOf(bundle: Bundle): string {
  const { kind, period, title, legalBasis, issuedOn } = bundle.document;
  const hash = createHash('sha256')
    .update([title, legalBasis ?? '', issuedOn ?? ''].join('\n'))
    .digest('hex')
    .slice(0, 8);
  return `${kind}-${period.start}-${period.end}-${hash}`;
}

export function contentHashOf(bundle: unknown): string {
  return createHash('sha256')
    .update(stringify(bundle) ?? '')
    .digest('hex');
}

export function countBundle(bundle: Bundle): BundleCounts {
  const nodes = Object.fromEntries(NODE_LEVELS.map((level) => [level, 0])) as Record<NodeLevel, number>;
  for (const node of bundle.nodes ?? []) nodes[node.level]++;
  const indicators = bundle.indicators ?? [];
  return {
    nodes,
    indicators: indicators.length,
    baselines: indicators.filter((i) => i.baseline).length,
    targets: indicators.reduce((sum, i) => sum + Object.keys(i.targets ?? {}).length, 0),
    budgets: bundle.budgets?.length ?? 0,
    agreements: bundle.agreements?.length ?? 0,
    realisations: bundle.realisations?.length ?? 0,
    submissions: bundle.submissions?.length ?? 0,
  };
}

function countStored(events: readonly DomainEvent[]): StoredCounts {
  const nodes = Object.fromEntries(NODE_LEVELS.map((level) => [level, 0])) as Record<NodeLevel, number>;
  const count = (type: string) => events.filter((e) => e.type === type).length;
  for (const e of events) if (e.type === 'NodeDefined') nodes[(e.data as { level: NodeLevel }).level]++;
  return {
    nodes,
    indicators: count('IndicatorDefined'),
    baselines: count('BaselineSet'),
    targets: count('TargetSet') + count('TargetRevised'),
    targetRevisions: count('TargetRevised'),
    budgets: count('BudgetAllocated'),
    agreements: count('AgreementTargetSet'),
    realisations: count('RealisationReported'),
    submissions: count('DocumentSubmitted'),
    events: events.length,
  };
}

interface PlannedItem {
  readonly command: PlannedCommand;
  /** Where in the bundle it comes from, for error messages. */
  readonly path: string;
}

/** The streams of one aggregate type in one import, each folded once. */
type Streams<S, C extends Command, E extends DomainEvent> = (streamId: string) => DecidingStream<S, C, E>;

function streamsOf<S, C extends Command, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  partitionKey: string,
): Streams<S, C, E> {
  const streams = new Map<string, DecidingStream<S, C, E>>();
  return (streamId) => {
    const known = streams.get(streamId);
    if (known) return known;
    const stream = new DecidingStream(streamId, decider, partitionKey);
    streams.set(streamId, stream);
    return stream;
  };
}

/**
 * Turns a bundle into events: validates its shape, resolves references against the bundle and what is
 * already stored, runs every item through its aggregate's decider, and appends everything in one atomic
 * append. A rejected bundle writes nothing; a bundle imported before writes nothing and says so.
 */
export class BundleImporter {
  private readonly pipeline: CommandPipeline;

  constructor(store: EventStore) {
    this.pipeline = new CommandPipeline(store);
  }

  async import(input: unknown, context: ImportContext): Promise<ImportOutcome> {
    const progress = context.onProgress ?? (() => undefined);
    progress({ phase: 'validating', done: 0, total: 1 });
    const shape = validateBundleShape(input);
    if (!shape.ok) return { ok: false, problems: shape.problems };
    const bundle = shape.bundle;
    const duplicates = findDuplicates(bundle);
    if (duplicates.length > 0) return { ok: false, problems: duplicates };

    const organisationId = bundle.organisation.id;
    const documentId = documentIdOf(bundle);
    const contentHash = contentHashOf(input);
    const plan = planCommands(bundle, documentId, contentHash);

    progress({ phase: 'reading', done: 0, total: plan.length });
    const referencedNodes = [
      ...(bundle.nodes ?? []).flatMap((n) => (n.parent ? [n.parent] : [])),
      ...(bundle.indicators ?? []).map((i) => i.node),
    ];
    const streams = [...new Set(plan.map((p) => p.command.stream))];
    const existing = await this.pipeline.read([
      ...streams.map((stream) => stream.streamId),
      ...referencedNodes.map((id) => streamIds.node(organisationId, id)),
    ]);

    const referenceProblems = checkReferences(bundle, existing);
    if (referenceProblems.length > 0) return { ok: false, problems: referenceProblems };

    const problems: BundleProblem[] = [];
    this.pipeline.decide(
      plan.map((item) => item.command),
      existing,
      (_command, index, error) =>
        problems.push({ path: plan[index]!.path, en: error.messages.en, id: error.messages.id }),
      (index) => {
        if (index % 500 === 0) progress({ phase: 'deciding', done: index, total: plan.length });
      },
    );
    if (problems.length > 0) return { ok: false, problems };

    const total = streams.reduce((sum, stream) => sum + stream.decided.length, 0);
    progress({ phase: 'writing', done: 0, total });
    const { events: allNew, result } = await this.pipeline.append(streams, existing, {
      metadata: context,
      eventIds: (streamId, version, i) =>
        uuidv5(`${contentHash}|${streamId}|${version + i + 1}`, EVENT_ID_NAMESPACE),
    });
    const position = result?.position ?? latestPosition(existing);
    progress({ phase: 'done', done: allNew.length, total: allNew.length });

    const stored = countStored(allNew.map((e) => ({ type: e.type, data: e.data })));
    return {
      ok: true,
      summary: {
        organisationId,
        organisationName: bundle.organisation.name,
        documentId,
        documentTitle: bundle.document.title,
        documentKind: bundle.document.kind,
        period: bundle.document.period,
        contentHash,
        inBundle: countBundle(bundle),
        stored,
        nothingNew: allNew.length === 0,
        position: position ? formatPosition(position) : null,
      },
    };
  }
}

function latestPosition(streams: Histories) {
  let latest: StoredEvent['position'] | undefined;
  for (const events of streams.values()) {
    for (const e of events) {
      if (
        !latest ||
        e.position.commit > latest.commit ||
        (e.position.commit === latest.commit && e.position.sequence > latest.sequence)
      )
        latest = e.position;
    }
  }
  return latest;
}

function planCommands(bundle: Bundle, documentId: string, contentHash: string): PlannedItem[] {
  const org = bundle.organisation.id;
  const ref = { organisationId: org };
  const plan: PlannedItem[] = [];
  const add = <S, C extends Command, E extends DomainEvent>(
    streamId: string,
    streams: Streams<S, C, E>,
    command: NoInfer<C>,
    path: string,
    source?: BundleSource,
  ) =>
    plan.push({
      command: streams(streamId).command(command, { provenance: { documentId, ...(source ?? {}) } }),
      path,
    });
  const organisation = streamsOf(organisationDecider, org);
  const document = streamsOf(documentDecider, org);
  const node = streamsOf(nodeDecider, org);
  const indicator = streamsOf(indicatorDecider, org);
  const doc = bundle.document;
  const sourceDocument = {
    id: documentId,
    title: doc.title,
    ...(doc.legalBasis ? { legalBasis: doc.legalBasis } : {}),
    ...(doc.issuedOn ? { issuedOn: doc.issuedOn } : {}),
  };

  add(
    streamIds.organisation(org),
    organisation,
    {
      type: 'RegisterOrganisation',
      data: {
        organisationId: org,
        name: bundle.organisation.name,
        ...pick(bundle.organisation, 'government', 'province'),
      },
    },
    'organisation',
  );
  add(
    streamIds.document(org, documentId),
    document,
    {
      type: 'RegisterDocument',
      data: {
        ...ref,
        documentId,
        kind: doc.kind,
        title: doc.title,
        ...pick(doc, 'legalBasis', 'issuedOn'),
        period: doc.period,
        contentHash,
      },
    },
    'document',
  );
  (bundle.nodes ?? []).forEach((n, i) =>
    add(
      streamIds.node(org, n.id),
      node,
      {
        type: 'DefineNode',
        data: {
          ...ref,
          nodeId: n.id,
          documentId,
          level: n.level,
          name: n.name,
          ...pick(n, 'code', 'parent', 'alignsTo'),
        },
      },
      `nodes[${i}]`,
      n.source,
    ),
  );
  (bundle.budgets ?? []).forEach((b, i) =>
    add(
      streamIds.node(org, b.node),
      node,
      {
        type: 'AllocateBudget',
        data: { ...ref, nodeId: b.node, year: b.year, amount: b.amount, documentId },
      },
      `budgets[${i}]`,
      b.source,
    ),
  );
  (bundle.indicators ?? []).forEach((ind, i) => {
    const stream = streamIds.indicator(org, ind.id);
    const indicatorRef = { ...ref, indicatorId: ind.id };
    add(
      stream,
      indicator,
      {
        type: 'DefineIndicator',
        data: {
          ...indicatorRef,
          documentId,
          nodeId: ind.node,
          name: ind.name,
          ...pick(ind, ...INDICATOR_OPTIONAL_FIELDS),
        },
      },
      `indicators[${i}]`,
      ind.source,
    );
    if (ind.baseline) {
      add(
        stream,
        indicator,
        {
          type: 'SetBaseline',
          data: { ...indicatorRef, year: ind.baseline.year, value: ind.baseline.value, documentId },
        },
        `indicators[${i}].baseline`,
        ind.source,
      );
    }
    for (const [year, value] of Object.entries(ind.targets ?? {})) {
      add(
        stream,
        indicator,
        {
          type: 'SetTargetFromDocument',
          data: { ...indicatorRef, year: Number(year), value, document: sourceDocument },
        },
        `indicators[${i}].targets.${year}`,
        ind.source,
      );
    }
  });
  (bundle.agreements ?? []).forEach((a, i) =>
    add(
      streamIds.indicator(org, a.indicator),
      indicator,
      {
        type: 'SetAgreementTarget',
        data: {
          ...ref,
          indicatorId: a.indicator,
          year: a.year,
          value: a.target,
          ...pick(a, 'signedOn'),
          documentId,
        },
      },
      `agreements[${i}]`,
      a.source,
    ),
  );
  (bundle.realisations ?? []).forEach((r, i) =>
    add(
      streamIds.indicator(org, r.indicator),
      indicator,
      {
        type: 'ReportRealisation',
        data: {
          ...ref,
          indicatorId: r.indicator,
          period: r.period,
          value: r.value,
          ...pick(r, 'reportedAchievement', 'reportedOn'),
          documentId,
        },
      },
      `realisations[${i}]`,
      r.source,
    ),
  );
  (bundle.submissions ?? []).forEach((s, i) =>
    add(
      streamIds.organisation(org),
      organisation,
      {
        type: 'RecordSubmission',
        data: { ...ref, kind: s.kind, year: s.year, submittedOn: s.submittedOn, documentId },
      },
      `submissions[${i}]`,
    ),
  );
  return plan;
}

function pick<T extends object, K extends keyof T>(object: T, ...keys: K[]): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) result[key] = object[key];
  return result;
}

function findDuplicates(bundle: Bundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const check = (items: readonly { id: string }[], name: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, i);
      else
        problems.push({
          path: `${name}[${i}].id`,
          en: `"${item.id}" is used twice (also ${name}[${first}])`,
          id: `"${item.id}" dipakai dua kali (juga ${name}[${first}])`,
        });
    });
  };
  check(bundle.nodes ?? [], 'nodes');
  check(bundle.indicators ?? [], 'indicators');
  return problems;
}

function checkReferences(bundle: Bundle, existing: Histories): BundleProblem[] {
  const org = bundle.organisation.id;
  const nodes = new Set((bundle.nodes ?? []).map((n) => n.id));
  const indicators = new Set((bundle.indicators ?? []).map((i) => i.id));
  const knownNode = (id: string) => nodes.has(id) || (existing.get(streamIds.node(org, id))?.length ?? 0) > 0;
  const knownIndicator = (id: string) =>
    indicators.has(id) || (existing.get(streamIds.indicator(org, id))?.length ?? 0) > 0;
  const problems: BundleProblem[] = [];
  const unknown = (path: string, what: 'node' | 'indicator', id: string) =>
    problems.push({
      path,
      en: `refers to ${what} "${id}", which is neither in this bundle nor previously imported for ${org}`,
      id: `merujuk ${what === 'node' ? 'node' : 'indikator'} "${id}" yang tidak ada di bundel ini maupun impor sebelumnya untuk ${org}`,
    });
  (bundle.nodes ?? []).forEach(
    (n, i) =>
      n.parent !== undefined && !knownNode(n.parent) && unknown(`nodes[${i}].parent`, 'node', n.parent),
  );
  (bundle.indicators ?? []).forEach(
    (ind, i) => !knownNode(ind.node) && unknown(`indicators[${i}].node`, 'node', ind.node),
  );
  (bundle.budgets ?? []).forEach(
    (b, i) => !knownNode(b.node) && unknown(`budgets[${i}].node`, 'node', b.node),
  );
  (bundle.agreements ?? []).forEach(
    (a, i) => !knownIndicator(a.indicator) && unknown(`agreements[${i}].indicator`, 'indicator', a.indicator),
  );
  (bundle.realisations ?? []).forEach(
    (r, i) =>
      !knownIndicator(r.indicator) && unknown(`realisations[${i}].indicator`, 'indicator', r.indicator),
  );
  return problems;
}
