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
  interpretValue,
  parsePeriod,
  type RawValue,
} from '@sakip/domain';
import { formatPosition, type EventStore, type StoredEvent } from '@sakip/event-store';
import stringify from 'safe-stable-stringify';
import {
  CommandPipeline,
  DecidingStream,
  type Histories,
  type PlannedCommand,
} from '../pipeline/command-pipeline';
import type { Bundle, BundleBudget, BundleSource } from './bundle';
import { validateBundleShapeInSlices, type BundleProblem } from './bundle-validation';
import { nameIds } from '../shared/name-ids';

const EVENT_ID_NAMESPACE = '5b0e1c7a-6f7e-4c55-9d8e-5a4b3c2d1e0f';
/** Levels of parents above a node: far more than the five levels of a plan, and never a stack's worth. */
const MAX_PARENT_DEPTH = 16;
/** Commands decided between two turns of the event loop. */
const DECIDE_SLICE = 1000;

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
  /** Further statements: `statements` entries and repeated agreement, realisation and budget rows. */
  readonly statements: number;
  /** Nodes and indicators reprinted from earlier documents (`role: history`). */
  readonly historyItems: number;
  /** Regional goals and indicators cited for alignment (`role: reference`). */
  readonly referenceItems: number;
  /** End-of-period budget columns and the document's own total rows. */
  readonly budgetTotals: number;
  /** Budget rows of money spent (`kind: realisation`). */
  readonly budgetRealisations: number;
}

export interface StoredCounts extends Omit<BundleCounts, 'historyItems' | 'referenceItems'> {
  readonly targetRevisions: number;
  readonly events: number;
}

/** Something an importer keeps but a person should look at: a value it cannot read, a year after the period. */
export interface ImportWarning {
  readonly path: string;
  readonly en: string;
  readonly id: string;
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
  /** Kept as printed, but worth a look (never a silent drop). */
  readonly warnings: readonly ImportWarning[];
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
  const items = [...(bundle.nodes ?? []), ...indicators];
  const repeated = (keys: string[]) => keys.length - new Set(keys).size;
  const budgets = bundle.budgets ?? [];
  return {
    nodes,
    indicators: indicators.length,
    baselines: indicators.filter((i) => i.baseline).length,
    targets: indicators.reduce((sum, i) => sum + Object.keys(i.targets ?? {}).length, 0),
    budgets: budgets.length,
    agreements: bundle.agreements?.length ?? 0,
    realisations: bundle.realisations?.length ?? 0,
    submissions: bundle.submissions?.length ?? 0,
    statements:
      indicators.reduce((sum, i) => sum + (i.statements?.length ?? 0), 0) +
      repeated((bundle.agreements ?? []).map((a) => `${a.indicator}|${a.year}`)) +
      repeated((bundle.realisations ?? []).map((r) => `${r.indicator}|${r.period}`)) +
      budgets.length -
      new Set(budgets.filter(isPrimaryBudgetShape).map((b) => `${b.node}|${b.year}`)).size,
    historyItems: items.filter((i) => i.role === 'history').length,
    referenceItems: items.filter((i) => i.role === 'reference').length,
    budgetTotals: budgets.filter((b) => b.total || !b.node).length,
    budgetRealisations: budgets.filter((b) => b.kind === 'realisation').length,
  };
}

/** A node's yearly pagu: the kind of budget row that is a node's primary figure for the year. */
function isPrimaryBudgetShape(
  b: BundleBudget,
): b is BundleBudget & { node: string; year: number; amount: RawValue } {
  return (
    b.node !== undefined &&
    b.year !== undefined &&
    !b.total &&
    (b.kind ?? 'pagu') === 'pagu' &&
    b.amount !== null
  );
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
    budgets: count('BudgetAllocated') + count('BudgetStated') + count('DocumentBudgetStated'),
    agreements: count('AgreementTargetSet'),
    realisations: count('RealisationReported'),
    submissions: count('DocumentSubmitted'),
    statements: count('IndicatorValueStated') + count('BudgetStated') + count('DocumentBudgetStated'),
    budgetTotals:
      count('DocumentBudgetStated') +
      events.filter((e) => e.type === 'BudgetStated' && (e.data as { total?: boolean }).total).length,
    budgetRealisations: events.filter(
      (e) =>
        (e.type === 'BudgetStated' || e.type === 'DocumentBudgetStated') &&
        (e.data as { kind?: string }).kind === 'realisation',
    ).length,
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
    const checked = await this.check(input, progress);
    if (!checked.ok) return checked;
    const { bundle, plan, existing, organisationId, documentId, contentHash } = checked;
    const streams = [...new Set(plan.map((p) => p.command.stream))];

    const total = streams.reduce((sum, stream) => sum + stream.decided.length, 0);
    progress({ phase: 'writing', done: 0, total });
    const idOf = nameIds(EVENT_ID_NAMESPACE, `${contentHash}|`);
    const { events: allNew, result } = await this.pipeline.append(streams, existing, {
      metadata: context,
      eventIds: (streamId, version, i) => idOf(`${streamId}|${version + i + 1}`),
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
        warnings: warningsOf(bundle),
        position: position ? formatPosition(position) : null,
      },
    };
  }

  /**
   * Every problem that would refuse the bundle, found as `import` finds them, with nothing stored: the
   * shape, duplicate ids, references to what exists neither in the bundle nor in the store, and what
   * the deciders refuse.
   */
  async validate(input: unknown): Promise<readonly BundleProblem[]> {
    const checked = await this.check(input, () => undefined);
    return checked.ok ? [] : checked.problems;
  }

  /**
   * Validates and decides without appending. Shape, duplicate ids and references are all checked, so a
   * bundle with several kinds of mistakes hears of all of them at once; the deciders run only on a
   * bundle that passed those checks.
   */
  private async check(
    input: unknown,
    progress: (progress: ImportProgress) => void,
  ): Promise<
    | { readonly ok: false; readonly problems: readonly BundleProblem[] }
    | {
        readonly ok: true;
        readonly bundle: Bundle;
        readonly plan: readonly PlannedItem[];
        readonly existing: Histories;
        readonly organisationId: string;
        readonly documentId: string;
        readonly contentHash: string;
      }
  > {
    progress({ phase: 'validating', done: 0, total: 1 });
    const shape = await validateBundleShapeInSlices(input);
    const problems: BundleProblem[] = shape.ok ? [] : [...shape.problems];
    const bundle = shape.ok ? shape.bundle : soundEnoughToCheck(input);
    if (!bundle) return { ok: false, problems };
    const flagged = new Set(problems.map((p) => p.path));
    const add = (more: readonly BundleProblem[]) =>
      problems.push(...more.filter((p) => !flagged.has(p.path)));
    add(findDuplicates(bundle));

    const organisationId = bundle.organisation.id;
    const documentId = shape.ok ? documentIdOf(bundle) : '';
    const contentHash = contentHashOf(input);
    const plan = shape.ok ? planCommands(bundle, documentId, contentHash) : [];
    progress({ phase: 'reading', done: 0, total: plan.length });
    const existing = await this.pipeline.read([
      ...plan.map((p) => p.command.stream.streamId),
      ...referencedStreams(bundle),
    ]);
    add(checkReferences(bundle, existing));
    add(checkParentCycles(bundle, existing));
    if (problems.length > 0) return { ok: false, problems };

    // In slices, letting other requests in between: a large bundle does not hold the process for its whole run.
    for (let start = 0; start < plan.length; start += DECIDE_SLICE) {
      this.pipeline.decide(
        plan.slice(start, start + DECIDE_SLICE).map((item) => item.command),
        existing,
        (_command, index, error) =>
          problems.push({
            path: plan[start + index]!.path,
            en: error.messages.en,
            id: error.messages.id,
            code: error.code,
          }),
      );
      progress({ phase: 'deciding', done: Math.min(plan.length, start + DECIDE_SLICE), total: plan.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, bundle, plan, existing, organisationId, documentId, contentHash };
  }
}

/** Values kept as printed that a person should look at: unreadable ones, years after the document's period. */
export function warningsOf(bundle: Bundle): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  const { end } = bundle.document.period;
  const unreadable = (path: string, raw: RawValue | null | undefined) => {
    if (raw !== undefined && raw !== null && interpretValue(raw).kind === 'unparseable')
      warnings.push({
        path,
        en: `"${String(raw)}" cannot be read as a number or grade; kept as printed`,
        id: `"${String(raw)}" tidak terbaca sebagai angka atau predikat; disimpan apa adanya`,
      });
  };
  const afterPeriod = (path: string, year: number | undefined) => {
    if (year !== undefined && year > end)
      warnings.push({
        path,
        en: `${year} is after the document's period (ends ${end}); kept`,
        id: `${year} di luar periode dokumen (berakhir ${end}); tetap disimpan`,
      });
  };
  (bundle.indicators ?? []).forEach((ind, i) => {
    unreadable(`indicators[${i}].baseline.value`, ind.baseline?.value);
    unreadable(`indicators[${i}].finalTarget`, ind.finalTarget);
    for (const [year, raw] of Object.entries(ind.targets ?? {})) {
      unreadable(`indicators[${i}].targets.${year}`, raw);
      afterPeriod(`indicators[${i}].targets.${year}`, Number(year));
    }
    (ind.statements ?? []).forEach((st, j) => {
      if (st.field !== 'name' && st.field !== 'unit' && st.field !== 'formula')
        unreadable(`indicators[${i}].statements[${j}].value`, st.value);
      afterPeriod(`indicators[${i}].statements[${j}].year`, st.year);
    });
  });
  (bundle.budgets ?? []).forEach((b, i) => {
    unreadable(`budgets[${i}].amount`, b.amount);
    afterPeriod(`budgets[${i}].year`, b.year);
  });
  (bundle.agreements ?? []).forEach((a, i) => {
    unreadable(`agreements[${i}].target`, a.target);
    afterPeriod(`agreements[${i}].year`, a.year);
  });
  (bundle.realisations ?? []).forEach((r, i) => {
    unreadable(`realisations[${i}].value`, r.value);
    unreadable(`realisations[${i}].target`, r.target);
    unreadable(`realisations[${i}].reportedAchievement`, r.reportedAchievement);
    afterPeriod(`realisations[${i}].period`, parsePeriod(r.period)?.year);
  });
  return warnings;
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
          ...pick(n, 'code', 'parent', 'alignsTo', 'role'),
        },
      },
      `nodes[${i}]`,
      n.source,
    ),
  );
  // The first yearly pagu of a node is its primary figure; every other budget row is a statement.
  const primaryBudgets = new Set<string>();
  (bundle.budgets ?? []).forEach((b, i) => {
    const key = `${b.node}|${b.year}`;
    if (isPrimaryBudgetShape(b) && !primaryBudgets.has(key)) {
      primaryBudgets.add(key);
      add(
        streamIds.node(org, b.node),
        node,
        {
          type: 'AllocateBudget',
          data: { ...ref, nodeId: b.node, year: b.year, amount: b.amount, documentId },
        },
        `budgets[${i}]`,
        b.source,
      );
      return;
    }
    const statement = {
      ...ref,
      documentId,
      kind: b.kind ?? 'pagu',
      amount: b.amount,
      ...pick(b, 'year', 'total', 'source'),
    } as const;
    if (b.node)
      add(
        streamIds.node(org, b.node),
        node,
        { type: 'StateBudget', data: { ...statement, nodeId: b.node } },
        `budgets[${i}]`,
        b.source,
      );
    else
      add(
        streamIds.document(org, documentId),
        document,
        { type: 'StateDocumentBudget', data: statement },
        `budgets[${i}]`,
        b.source,
      );
  });
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
    (ind.statements ?? []).forEach((statement, j) =>
      add(
        stream,
        indicator,
        {
          type: 'StateIndicatorValue',
          data: {
            ...indicatorRef,
            documentId,
            field: statement.field,
            value: statement.value,
            ...pick(statement, 'year', 'source'),
          },
        },
        `indicators[${i}].statements[${j}]`,
        statement.source,
      ),
    );
  });
  // The first row of an indicator and year (period) is the primary statement; repeats are statements.
  const firstAgreement = new Set<string>();
  (bundle.agreements ?? []).forEach((a, i) => {
    const key = `${a.indicator}|${a.year}`;
    const primary = !firstAgreement.has(key);
    firstAgreement.add(key);
    add(
      streamIds.indicator(org, a.indicator),
      indicator,
      primary
        ? {
            type: 'SetAgreementTarget',
            data: {
              ...ref,
              indicatorId: a.indicator,
              year: a.year,
              value: a.target,
              ...pick(a, 'signedOn'),
              documentId,
            },
          }
        : {
            type: 'StateIndicatorValue',
            data: {
              ...ref,
              indicatorId: a.indicator,
              documentId,
              field: 'agreement',
              year: a.year,
              value: a.target,
              ...pick(a, 'signedOn', 'source'),
            },
          },
      `agreements[${i}]`,
      a.source,
    );
  });
  const firstRealisation = new Set<string>();
  (bundle.realisations ?? []).forEach((r, i) => {
    const key = `${r.indicator}|${r.period}`;
    const primary = !firstRealisation.has(key);
    firstRealisation.add(key);
    add(
      streamIds.indicator(org, r.indicator),
      indicator,
      primary
        ? {
            type: 'ReportRealisation',
            data: {
              ...ref,
              indicatorId: r.indicator,
              period: r.period,
              value: r.value,
              ...pick(r, 'target', 'reportedAchievement', 'reportedOn'),
              documentId,
            },
          }
        : {
            type: 'StateIndicatorValue',
            data: {
              ...ref,
              indicatorId: r.indicator,
              documentId,
              field: 'realisation',
              period: r.period,
              value: r.value,
              ...(r.target === undefined ? {} : { rowTarget: r.target }),
              ...pick(r, 'reportedAchievement', 'source'),
            },
          },
      `realisations[${i}]`,
      r.source,
    );
  });
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

/**
 * A bundle that broke the schema may still be checked for duplicate ids and references when its top level
 * is sound (an object, an organisation with an id, lists where lists belong); item by item, the checks
 * below look only at fields of the right type.
 */
function soundEnoughToCheck(input: unknown): Bundle | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const candidate = input as Record<string, unknown>;
  const organisation = candidate['organisation'] as { id?: unknown } | undefined;
  if (typeof organisation?.id !== 'string') return undefined;
  const lists = ['nodes', 'indicators', 'budgets', 'agreements', 'realisations', 'submissions'];
  if (lists.some((name) => candidate[name] !== undefined && !Array.isArray(candidate[name])))
    return undefined;
  return input as Bundle;
}

/** Items of a list in a bundle that may have broken the schema: objects only, by their index. */
function items<T>(list: readonly T[] | undefined): [T, number][] {
  return (list ?? []).flatMap((item, i) =>
    typeof item === 'object' && item !== null ? [[item, i] as [T, number]] : [],
  );
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The node and indicator streams a bundle refers to: whether they exist decides its references. */
function referencedStreams(bundle: Bundle): string[] {
  const org = bundle.organisation.id;
  const nodes = [
    ...items(bundle.nodes).map(([n]) => n.parent),
    ...items(bundle.indicators).map(([i]) => i.node),
    ...items(bundle.budgets).map(([b]) => b.node),
  ].filter(isText);
  const indicators = [
    ...items(bundle.agreements).map(([a]) => a.indicator),
    ...items(bundle.realisations).map(([r]) => r.indicator),
  ].filter(isText);
  return [
    ...nodes.map((id) => streamIds.node(org, id)),
    ...indicators.map((id) => streamIds.indicator(org, id)),
  ];
}

function findDuplicates(bundle: Bundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const check = (list: readonly { id: string }[] | undefined, name: string) => {
    const seen = new Map<string, number>();
    for (const [item, i] of items(list)) {
      if (!isText(item.id)) continue;
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, i);
      else
        problems.push({
          path: `${name}[${i}].id`,
          en: `"${item.id}" is used twice (also ${name}[${first}])`,
          id: `"${item.id}" dipakai dua kali (juga ${name}[${first}])`,
          code: 'DUPLICATE_ID',
          params: { ref: item.id, other: `${name}[${first}]` },
        });
    }
  };
  check(bundle.nodes, 'nodes');
  check(bundle.indicators, 'indicators');
  return problems;
}

function checkReferences(bundle: Bundle, existing: Histories): BundleProblem[] {
  const org = bundle.organisation.id;
  const nodes = new Set(items(bundle.nodes).map(([n]) => n.id));
  const indicators = new Set(items(bundle.indicators).map(([i]) => i.id));
  const knownNode = (id: string) => nodes.has(id) || (existing.get(streamIds.node(org, id))?.length ?? 0) > 0;
  const knownIndicator = (id: string) =>
    indicators.has(id) || (existing.get(streamIds.indicator(org, id))?.length ?? 0) > 0;
  const problems: BundleProblem[] = [];
  const unknown = (path: string, what: 'node' | 'indicator', id: unknown) => {
    if (!isText(id) || (what === 'node' ? knownNode(id) : knownIndicator(id))) return;
    problems.push({
      path,
      en: `refers to ${what} "${id}", which is neither in this bundle nor previously imported for ${org}`,
      id: `merujuk ${what === 'node' ? 'node' : 'indikator'} "${id}" yang tidak ada di bundel ini maupun impor sebelumnya untuk ${org}`,
      code: 'UNKNOWN_REFERENCE',
      params: { kind: what, ref: id, organisationId: org },
    });
  };
  for (const [n, i] of items(bundle.nodes)) unknown(`nodes[${i}].parent`, 'node', n.parent);
  for (const [ind, i] of items(bundle.indicators)) unknown(`indicators[${i}].node`, 'node', ind.node);
  for (const [b, i] of items(bundle.budgets)) {
    unknown(`budgets[${i}].node`, 'node', b.node);
    if ((b.year === undefined) === (b.total === undefined))
      problems.push({
        path: `budgets[${i}]`,
        en: 'needs either "year" or "total": true (an end-of-period column), not both',
        id: 'perlu "year" atau "total": true (kolom akhir periode), tidak keduanya',
        code: 'BUDGET_YEAR_OR_TOTAL',
      });
  }
  for (const [a, i] of items(bundle.agreements))
    unknown(`agreements[${i}].indicator`, 'indicator', a.indicator);
  for (const [r, i] of items(bundle.realisations))
    unknown(`realisations[${i}].indicator`, 'indicator', r.indicator);
  return problems;
}

/** The parent a stored node was defined with (its latest definition), if any. */
function storedParent(history: readonly StoredEvent[] | undefined): string | undefined {
  let parent: string | undefined;
  for (const event of history ?? [])
    if (event.type === 'NodeDefined') parent = (event.data as { parent?: string }).parent;
  return parent;
}

/**
 * A node may not be its own ancestor: C1 → C2 → C1 would take both out of every tree. Each node's chain of
 * parents is followed (in the bundle, then as stored) without recursion; each cycle is reported once, at
 * the first of its nodes in the bundle.
 */
export function checkParentCycles(bundle: Bundle, existing: Histories): BundleProblem[] {
  const org = bundle.organisation.id;
  const nodes = bundle.nodes ?? [];
  const parentOf = new Map<string, string | undefined>(nodes.map((n) => [n.id, n.parent]));
  const parent = (id: string) =>
    parentOf.has(id) ? parentOf.get(id) : storedParent(existing.get(streamIds.node(org, id)));
  const reported = new Set<string>();
  const problems: BundleProblem[] = [];
  nodes.forEach((node, i) => {
    const chain = [node.id];
    const seen = new Set(chain);
    for (let at = parent(node.id); at !== undefined; at = parent(at)) {
      if (at === node.id) {
        if (!chain.some((id) => reported.has(id))) {
          chain.forEach((id) => reported.add(id));
          const cycle = [...chain, node.id].join(' → ');
          problems.push({
            path: `nodes[${i}].parent`,
            en: `makes a cycle of parents (${cycle}): a node cannot be its own ancestor`,
            id: `membentuk siklus induk (${cycle}): node tidak boleh menjadi leluhurnya sendiri`,
          });
        }
        return;
      }
      if (seen.has(at)) return; // a cycle further up: reported at its own nodes
      seen.add(at);
      chain.push(at);
      if (chain.length - 1 > MAX_PARENT_DEPTH) {
        problems.push({
          path: `nodes[${i}].parent`,
          en: `has more than ${MAX_PARENT_DEPTH} levels of parents above it (tujuan → sasaran → program → kegiatan → sub-kegiatan has 5)`,
          id: `memiliki lebih dari ${MAX_PARENT_DEPTH} tingkat induk di atasnya (tujuan → sasaran → program → kegiatan → sub-kegiatan ada 5)`,
        });
        return;
      }
    }
  });
  return problems;
}
