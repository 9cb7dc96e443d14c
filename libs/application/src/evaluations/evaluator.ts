import { randomUUID } from 'node:crypto';
import {
  evaluationDecider,
  fold,
  type Actor,
  type EvaluationEvent,
  type EvaluationRecordedData,
} from '@sakip/domain';
import { formatPosition, parsePosition, START, type EventStore, type Position } from '@sakip/event-store';
import type { ProjectorRunner, ReadModels } from '@sakip/read-models';
import {
  buildFactSets,
  DEFAULT_LKE,
  foldOrganisation,
  lkeScore,
  RuleSet,
  type DefectClass,
  type EvaluationKind,
  type EvaluationSettings,
  type Finding,
  type LkeScore,
  type LkeSettings,
  type RuleCategory,
  type RuleStats,
  type Severity,
} from '@sakip/rules';
import { errors } from '../errors/catalogue';
import { CommandPipeline } from '../pipeline/command-pipeline';
import type { StoredRuleSet } from './rule-sets';

export const evaluationStream = (batchId: string) => `evaluation-${batchId}`;
const PAGE = 5000;
const FINDINGS_PER_EVENT = 500;

/** The document an event was imported from (its provenance); planner commands have none. */
function documentOfEvent(event: { metadata: Record<string, unknown> }): string | undefined {
  const provenance = event.metadata['provenance'] as { documentId?: unknown } | undefined;
  return typeof provenance?.documentId === 'string' ? provenance.documentId : undefined;
}

export interface OrganisationSummary {
  readonly organisationId: string;
  readonly organisationName: string | null;
  readonly findings: number;
  readonly byCategory: Partial<Record<RuleCategory, number>>;
  readonly bySeverity: Partial<Record<Severity, number>>;
  /** Findings per defect class (sakip-defects/1). */
  readonly byClass: Partial<Record<DefectClass, number>>;
  readonly lke: LkeScore;
}

export interface EvaluationRequest {
  readonly year: number;
  /** Organisations to evaluate; all when left out. */
  readonly organisations?: readonly string[];
  /** The date the rules see as `now` (YYYY-MM-DD). */
  readonly now: string;
  readonly settings: EvaluationSettings;
  readonly lke?: LkeSettings;
  /**
   * `review`: defects of what the documents say; `compliance`: what the store holds or lacks for the
   * organisation and year (asked for explicitly). Default: review.
   */
  readonly kinds?: readonly EvaluationKind[];
  /** Review only this document (its own statements), not everything the organisation has on record. */
  readonly document?: string;
}

export interface EvaluationOutcome {
  readonly findings: Finding[];
  readonly summaries: OrganisationSummary[];
  readonly evaluations: number;
}

export interface BatchRecord extends EvaluationRecordedData {
  readonly position: string | null;
}

export type EvaluationProgress = (done: number, total: number, organisationId: string) => void;

/** Runs rule sets over the facts of organisations as of an event position, and stores batches. */
export class Evaluator {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly projector: Pick<ProjectorRunner, 'waitFor'>,
  ) {}

  /** The organisations on record (the read models must have reached `asOf`). */
  async organisations(requested?: readonly string[]): Promise<string[]> {
    const known = (await this.readModels.planTree.organisations()).map((o) => o.organisationId);
    if (!requested || requested.length === 0) return known;
    const unknown = requested.filter((o) => !known.includes(o));
    if (unknown.length > 0) throw errors.unknownOrganisation(unknown[0]!);
    return [...requested];
  }

  /** Evaluates, one organisation at a time (memory stays bounded by the largest organisation). */
  async evaluate(
    ruleSet: RuleSet,
    organisations: readonly string[],
    asOf: Position,
    request: EvaluationRequest,
    onProgress?: EvaluationProgress,
  ): Promise<EvaluationOutcome> {
    const findings: Finding[] = [];
    const summaries: OrganisationSummary[] = [];
    let evaluations = 0;
    // The next organisation's events are read while this one is evaluated (the database is otherwise idle).
    let next = organisations.length > 0 ? this.eventsOf(organisations[0]!, asOf) : undefined;
    for (const [index, organisationId] of organisations.entries()) {
      const events = await next!;
      next = index + 1 < organisations.length ? this.eventsOf(organisations[index + 1]!, asOf) : undefined;
      next?.catch(() => undefined); // a failure surfaces when it is awaited, not as an unhandled rejection
      // Registered after `asOf`: not part of this evaluation.
      if (events.length === 0) continue;
      const model = foldOrganisation(
        organisationId,
        request.document ? events.filter((e) => documentOfEvent(e) === request.document) : events,
      );
      if (request.document && !model.documents.has(request.document)) continue;
      const stats: RuleStats = new Map();
      const mine: Finding[] = [];
      evaluations += ruleSet.evaluate(
        buildFactSets(
          model,
          { evaluationYear: request.year, now: request.now, settings: request.settings },
          request.kinds ?? ['review'],
        ),
        (finding) => mine.push(finding),
        stats,
      );
      for (const finding of mine) findings.push(finding);
      const count = <K extends string>(key: (f: Finding) => K) =>
        mine.reduce<Partial<Record<K, number>>>(
          (acc, f) => ({ ...acc, [key(f)]: (acc[key(f)] ?? 0) + 1 }),
          {},
        );
      summaries.push({
        organisationId,
        organisationName: model.details?.name ?? null,
        findings: mine.length,
        byCategory: count((f) => f.category),
        bySeverity: count((f) => f.severity),
        byClass: count((f) => f.class),
        lke: lkeScore(ruleSet.rules, stats, request.lke ?? DEFAULT_LKE),
      });
      onProgress?.(index + 1, organisations.length, organisationId);
      // Let other requests (and /health) in between organisations.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { findings, summaries, evaluations };
  }

  /** Evaluates and stores the batch as events; returns its record. */
  async run(
    stored: StoredRuleSet,
    request: EvaluationRequest,
    context: { actor: Actor; now: string; correlationId: string },
    onProgress?: EvaluationProgress,
    asOf?: Position,
    batchId: string = randomUUID(),
  ): Promise<{ batch: BatchRecord; findings: Finding[] }> {
    const position = asOf ?? (await this.store.headPosition());
    if (!(await this.projector.waitFor(position, 30_000)))
      throw errors.readModelsBehind(formatPosition(position), 30);
    const organisations = await this.organisations(request.organisations);
    const outcome = await this.evaluate(
      new RuleSet(stored.rules),
      organisations,
      position,
      request,
      onProgress,
    );
    const recorded: EvaluationRecordedData = {
      batchId,
      year: request.year,
      organisations:
        request.organisations && request.organisations.length > 0 ? [...request.organisations] : null,
      asOf: formatPosition(position),
      now: request.now,
      ruleSet: { version: stored.version, hash: stored.hash },
      settings: {
        evaluation: request.settings,
        lke: request.lke ?? DEFAULT_LKE,
        kinds: request.kinds ?? ['review'],
        ...(request.document ? { document: request.document } : {}),
      },
      findingCount: outcome.findings.length,
      summary: { organisations: outcome.summaries, evaluations: outcome.evaluations },
    };
    const parts: Finding[][] = [];
    for (let i = 0; i < outcome.findings.length; i += FINDINGS_PER_EVENT)
      parts.push(outcome.findings.slice(i, i + FINDINGS_PER_EVENT));
    const result = await new CommandPipeline(this.store).execute(
      evaluationStream(batchId),
      evaluationDecider,
      { type: 'RecordEvaluation', data: { ...recorded, findingParts: parts } },
      context,
    );
    return { batch: { ...recorded, position: result.position }, findings: outcome.findings };
  }

  /** A stored batch and its findings. */
  async batch(batchId: string): Promise<{ batch: BatchRecord; findings: Finding[] }> {
    const events = await this.store.readStream(evaluationStream(batchId));
    const state = fold(evaluationDecider, events as unknown as EvaluationEvent[]);
    if (!state.recorded) throw errors.unknownEvaluation(batchId);
    const findings = events
      .filter((e) => e.type === 'FindingsRecorded')
      .flatMap((e) => (e.data as { findings: Finding[] }).findings);
    const first = events[0];
    return {
      batch: { ...state.recorded, position: first ? formatPosition(first.position) : null },
      findings,
    };
  }

  /** Re-runs a stored batch: its rule-set version, settings, date and event position. */
  async reproduce(batch: EvaluationRecordedData, stored: StoredRuleSet): Promise<EvaluationOutcome> {
    const settings = batch.settings as {
      evaluation: EvaluationSettings;
      lke: LkeSettings;
      kinds?: EvaluationKind[];
      document?: string;
    };
    const organisations = batch.organisations ?? (await this.organisations());
    return this.evaluate(new RuleSet(stored.rules), organisations, parsePosition(batch.asOf), {
      year: batch.year,
      now: batch.now,
      settings: settings.evaluation,
      lke: settings.lke,
      // Batches recorded before the two kinds ran every rule.
      kinds: settings.kinds ?? ['review', 'compliance'],
      ...(settings.document ? { document: settings.document } : {}),
    });
  }

  private async eventsOf(organisationId: string, asOf: Position) {
    const events = [];
    let after = START;
    for (;;) {
      const page = await this.store.readAll({ after, upTo: asOf, partitionKey: organisationId, limit: PAGE });
      events.push(...page);
      if (page.length < PAGE) return events;
      after = page[page.length - 1]!.position;
    }
  }
}
