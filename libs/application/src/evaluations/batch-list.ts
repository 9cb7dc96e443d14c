import type { EventStore, StoredEvent } from '@sakip/event-store';
import { parsePosition, START } from '@sakip/event-store';
import type { ReadModels } from '@sakip/read-models';
import { FACT_CATALOGUE, type Bilingual, type Finding } from '@sakip/rules';
import { errors } from '../errors/catalogue';
import { groupFindings, type FindingGroup } from '../review/findings';
import type { Caller } from '../shared/caller';
import type { Clock } from '../shared/clock';
import type { BatchProgress, EvaluateRequest, Evaluations, FindingsFilter } from './evaluations';

/** One line of the batch list: stored, or running (or failed) in this process. */
export interface BatchListEntry {
  readonly batchId: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly year: number;
  readonly kinds: readonly string[];
  /** How many organisations; null while a batch over every organisation has not counted them yet. */
  readonly organisations: number | null;
  /** The event position the facts are read as of (null while running). */
  readonly position: string | null;
  readonly ruleSetVersion: number | null;
  readonly startedBy: string | null;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly progress?: { readonly done: number; readonly total: number };
  readonly findings?: number;
  readonly document?: string | null;
  readonly error?: BatchProgress['error'];
}

export interface BatchList {
  readonly total: number;
  readonly batches: readonly BatchListEntry[];
}

export interface FindingDetail {
  readonly batchId: string;
  readonly finding: Finding & { readonly id: string };
  readonly rule: {
    readonly id: string;
    readonly title: Bilingual;
    readonly description: string;
    readonly reference: string;
    readonly category: string;
    readonly class: string;
    readonly severity: string;
  } | null;
  /** The values the rule saw, with what each fact means. */
  readonly evidence: readonly {
    readonly fact: string;
    readonly value: unknown;
    readonly description?: string;
  }[];
  /** The events the values came from, with where the document states them. */
  readonly sources: readonly {
    readonly eventId: string;
    readonly type: string;
    readonly document: string | null;
    readonly table: string | null;
    readonly page: string | null;
    readonly row: string | null;
    readonly recordedAt: string | null;
  }[];
  /** What the web application links to. */
  readonly links: {
    readonly organisation: string;
    readonly document: string | null;
    readonly node: string | null;
    /** "<organisation>:<indicator>", for /indicators/:ref. */
    readonly indicator: string | null;
    readonly subjects: readonly { readonly node: string | null; readonly indicator: string | null }[];
  };
}

/** Findings of one rule in one document, counted (their list: GET …/findings?document=&rule=). */
export type FindingGroupCount = Omit<FindingGroup, 'findings'> & { readonly count: number };

export interface FindingGroups {
  readonly total: number;
  readonly groups: readonly FindingGroupCount[];
}

/** The filters of GET /evaluations/:id/findings, as one predicate. */
export function findingMatches(filter: FindingsFilter): (finding: Finding) => boolean {
  return (f) =>
    (!filter.organisation || f.subject.organisationId === filter.organisation) &&
    (!filter.severity || f.severity === filter.severity) &&
    (!filter.category || f.category === filter.category) &&
    (!filter.rule || f.ruleId === filter.rule) &&
    (!filter.class || f.class === filter.class) &&
    (!filter.document || f.subject.documentId === filter.document);
}

interface Started {
  readonly batchId: string;
  readonly year: number;
  readonly kinds: readonly string[];
  readonly organisations: number | null;
  readonly document: string | null;
  readonly startedBy: string | null;
  readonly startedAt: string;
}

const KEPT = 1000;
const PAGE = 5000;

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/** The list of evaluation batches and a finding's page: read models, the store, and this process's jobs. */
export class EvaluationBatches {
  private readonly started = new Map<string, Started>();

  constructor(
    private readonly evaluations: Evaluations,
    private readonly readModels: ReadModels,
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** Starts a batch in the background (as `Evaluations.start`) and remembers who asked what, for the list. */
  async start(request: EvaluateRequest, caller: Caller): Promise<BatchProgress> {
    const startedAt = this.clock.now().toISOString();
    const answer = await this.evaluations.start(request, caller);
    this.started.set(answer.batchId, {
      batchId: answer.batchId,
      year: request.year,
      kinds: request.kinds && request.kinds.length > 0 ? [...request.kinds] : ['review'],
      organisations:
        request.organisations && request.organisations.length > 0 ? request.organisations.length : null,
      document: request.document ?? null,
      startedBy: caller.actor.name ?? caller.actor.id,
      startedAt,
    });
    if (this.started.size > KEPT) this.started.delete(this.started.keys().next().value!);
    return answer;
  }

  /** Newest first: batches of this process not yet in the read model, then the stored ones. */
  async list(limit: number, offset: number): Promise<BatchList> {
    const stored = await this.readModels.evaluationBatches.has([...this.started.keys()]);
    for (const id of stored) this.started.delete(id);
    const pending: BatchListEntry[] = [];
    for (const started of [...this.started.values()].reverse()) {
      const entry = await this.pendingEntry(started);
      if (entry) pending.push(entry);
    }
    const page = pending.slice(offset, offset + limit);
    const fromStore = await this.readModels.evaluationBatches.list(
      limit - page.length,
      Math.max(0, offset - pending.length),
    );
    return {
      total: pending.length + fromStore.total,
      batches: [
        ...page,
        ...fromStore.batches.map((b): BatchListEntry => ({
          batchId: b.batchId,
          status: 'done',
          year: b.year,
          kinds: b.kinds,
          organisations: b.organisations,
          position: b.position,
          ruleSetVersion: b.ruleSetVersion,
          startedBy: b.startedBy,
          startedAt: b.recordedAt,
          finishedAt: b.storedAt,
          findings: b.findings,
          document: b.document,
        })),
      ],
    };
  }

  private async pendingEntry(started: Started): Promise<BatchListEntry | undefined> {
    let progress: BatchProgress;
    try {
      progress = await this.evaluations.progress(started.batchId);
    } catch {
      return undefined; // forgotten by the jobs and not stored: nothing to show
    }
    const { batchId, year, kinds, document, startedBy, startedAt } = started;
    const batch = progress.batch;
    return {
      batchId,
      status: progress.status,
      year,
      kinds,
      organisations: batch
        ? progress.progress.total
        : progress.progress.total > 0
          ? progress.progress.total
          : started.organisations,
      position: batch?.asOf ?? null,
      ruleSetVersion: batch?.ruleSet.version ?? null,
      startedBy,
      startedAt,
      ...(batch ? { findings: batch.findingCount } : { progress: progress.progress }),
      document,
      ...(progress.error ? { error: progress.error } : {}),
    };
  }

  /**
   * A batch's findings (filtered as the list is) counted per organisation, document and rule: the rows of
   * "findings grouped by rule within a document"; each group's findings come from the list with
   * `document` and `rule` set. Per organisation and document, most severe first.
   */
  async groups(batchId: string, filter: FindingsFilter): Promise<FindingGroups> {
    const { findings } = await this.evaluations.evaluator.batch(batchId);
    const selected = findings.filter(findingMatches(filter));
    return {
      total: selected.length,
      groups: groupFindings(selected).map(({ findings: list, ...group }) => ({
        ...group,
        count: list.length,
      })),
    };
  }

  /** One finding of a stored batch (its id is its place in the batch) with its rule, evidence, sources and links. */
  async finding(batchId: string, findingId: string): Promise<FindingDetail> {
    const { batch, findings } = await this.evaluations.evaluator.batch(batchId);
    const index = /^\d{1,9}$/.test(findingId) ? Number(findingId) : -1;
    const finding = findings[index];
    if (!finding) throw errors.unknownFinding(batchId, findingId);
    const rules = (await this.evaluations.ruleSets.version(batch.ruleSet.version)).rules;
    const rule = rules.find((r) => r.id === finding.ruleId);
    const organisation = finding.subject.organisationId;
    const facts = FACT_CATALOGUE[finding.scope] ?? {};
    const ref = (indicator: string | null) => (indicator ? `${organisation}:${indicator}` : null);
    return {
      batchId,
      finding: { id: String(index), ...finding },
      rule: rule
        ? {
            id: rule.id,
            title: rule.title,
            description: rule.description,
            reference: rule.reference,
            category: rule.category,
            class: rule.class,
            severity: rule.severity,
          }
        : null,
      evidence: Object.entries(finding.evidence.facts).map(([fact, value]) => {
        const description = facts[fact]?.description;
        return { fact, value, ...(description ? { description } : {}) };
      }),
      sources: await this.sources(organisation, batch.asOf, finding.evidence.eventIds),
      links: {
        organisation,
        document: finding.subject.documentId,
        node: finding.subject.nodeId,
        indicator: ref(finding.subject.indicatorId),
        subjects: finding.subjects.map((s) => ({ node: s.node, indicator: ref(s.indicator) })),
      },
    };
  }

  /** The events behind a finding, read from the organisation's events up to the batch's position. */
  private async sources(organisationId: string, asOf: string, eventIds: readonly string[]) {
    const wanted = new Set(eventIds);
    const found = new Map<string, StoredEvent>();
    if (wanted.size > 0) {
      const upTo = parsePosition(asOf);
      let after = START;
      for (;;) {
        const page = await this.store.readAll({ after, upTo, partitionKey: organisationId, limit: PAGE });
        for (const event of page) if (wanted.has(event.id)) found.set(event.id, event);
        if (page.length < PAGE || found.size === wanted.size) break;
        after = page[page.length - 1]!.position;
      }
    }
    return eventIds.flatMap((id) => {
      const event = found.get(id);
      if (!event) return [];
      const metadata = event.metadata as {
        provenance?: { documentId?: unknown; table?: unknown; page?: unknown; row?: unknown };
        recordedAt?: unknown;
      };
      const provenance = metadata.provenance;
      return [
        {
          eventId: id,
          type: event.type,
          document: text(provenance?.documentId),
          table: text(provenance?.table),
          page: text(provenance?.page),
          row: text(provenance?.row),
          recordedAt: text(metadata.recordedAt),
        },
      ];
    });
  }
}
