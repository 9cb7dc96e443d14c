import { randomUUID } from 'node:crypto';
import {
  evaluationDecider,
  fold,
  type Actor,
  type EvaluationEvent,
  type EvaluationRecordedData,
} from '@sakip/domain';
import { formatPosition, parsePosition, type EventStore, type Position } from '@sakip/event-store';
import type { ProjectorRunner, ReadModels } from '@sakip/read-models';
import {
  DEFAULT_LKE,
  finishFactSets,
  lkeScore,
  RuleSet,
  type DefectClass,
  type EvaluationKind,
  type EvaluationSettings,
  type Finding,
  type LkeScore,
  type LkeSettings,
  type PreparedOrganisation,
  type RuleCategory,
  type RuleStats,
  type Severity,
} from '@sakip/rules';
import { errors } from '../errors/catalogue';
import { CommandPipeline } from '../pipeline/command-pipeline';
import { addPhase, eventsOf, mark, PreparedFacts, type PreparedAsOf, type Phases } from './prepared-facts';
import type { StoredRuleSet } from './rule-sets';

export const evaluationStream = (batchId: string) => `evaluation-${batchId}`;
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
  /** How many organisations' fact sets came from the facts read model, and how many were folded. */
  readonly sources?: Readonly<Record<'read-model' | 'fold', number>>;
}

export interface BatchRecord extends EvaluationRecordedData {
  readonly position: string | null;
}

export type EvaluationProgress = (done: number, total: number, organisationId: string) => void;

/** Runs rule sets over the facts of organisations as of an event position, and stores batches. */
export class Evaluator {
  readonly prepared: PreparedFacts;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly projector: Pick<ProjectorRunner, 'waitFor'>,
  ) {
    this.prepared = new PreparedFacts(store, readModels);
  }

  /** The organisations on record (the read models must have reached `asOf`). */
  async organisations(requested?: readonly string[]): Promise<string[]> {
    const known = (await this.readModels.planTree.organisations()).map((o) => o.organisationId);
    if (!requested || requested.length === 0) return known;
    const unknown = requested.filter((o) => !known.includes(o));
    if (unknown.length > 0) throw errors.unknownOrganisation(unknown[0]!);
    return [...requested];
  }

  /**
   * Evaluates, one organisation at a time (memory stays bounded by the largest organisation): reads each
   * organisation's prepared fact sets as of `asOf` (the facts read model, or a fold of its events where the
   * read model does not reflect it as of `asOf`), finishes them for the batch and runs the rules.
   */
  async evaluate(
    ruleSet: RuleSet,
    organisations: readonly string[],
    asOf: Position,
    request: EvaluationRequest,
    onProgress?: EvaluationProgress,
    phases?: Phases,
  ): Promise<EvaluationOutcome> {
    const findings: Finding[] = [];
    const summaries: OrganisationSummary[] = [];
    const sources = { 'read-model': 0, fold: 0 };
    let evaluations = 0;
    let done = 0;
    for await (const { organisationId, prepared, source } of this.preparedOf(
      organisations,
      asOf,
      request,
      phases,
    )) {
      done++;
      // Registered after `asOf` (or without the document asked for): not part of this evaluation.
      if (prepared) {
        sources[source]++;
        const one = this.evaluateOne(ruleSet, prepared, request, phases);
        for (const finding of one.findings) findings.push(finding);
        summaries.push(one.summary);
        evaluations += one.evaluations;
      }
      onProgress?.(done, organisations.length, organisationId);
      // Let other requests (and /health) in between organisations.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { findings, summaries, evaluations, sources };
  }

  /** The rules over one organisation's prepared fact sets, finished for the batch. */
  private evaluateOne(
    ruleSet: RuleSet,
    prepared: PreparedOrganisation,
    request: EvaluationRequest,
    phases?: Phases,
  ): { findings: Finding[]; summary: OrganisationSummary; evaluations: number } {
    let since = mark();
    const sets = finishFactSets(
      prepared,
      { evaluationYear: request.year, now: request.now, settings: request.settings },
      request.kinds ?? ['review'],
      { inPlace: true },
    );
    addPhase(phases, 'finish facts', since);
    since = mark();
    const stats: RuleStats = new Map();
    const mine: Finding[] = [];
    const evaluations = ruleSet.evaluate(sets, (finding) => mine.push(finding), stats);
    addPhase(phases, 'rules', since);
    const count = <K extends string>(key: (f: Finding) => K) =>
      mine.reduce<Partial<Record<K, number>>>((acc, f) => ({ ...acc, [key(f)]: (acc[key(f)] ?? 0) + 1 }), {});
    return {
      findings: mine,
      evaluations,
      summary: {
        organisationId: prepared.organisationId,
        organisationName: prepared.organisationName,
        findings: mine.length,
        byCategory: count((f) => f.category),
        bySeverity: count((f) => f.severity),
        byClass: count((f) => f.class),
        lke: lkeScore(ruleSet.rules, stats, request.lke ?? DEFAULT_LKE),
      },
    };
  }

  /** Prepared fact sets as of `asOf`; for one document, folded from that document's events only. */
  private async *preparedOf(
    organisations: readonly string[],
    asOf: Position,
    request: EvaluationRequest,
    phases?: Phases,
  ): AsyncGenerator<PreparedAsOf> {
    const document = request.document;
    if (!document) {
      yield* this.prepared.asOf(organisations, asOf, phases);
      return;
    }
    for (const organisationId of organisations) {
      const events = (await eventsOf(this.store, organisationId, asOf)).filter(
        (e) => documentOfEvent(e) === document,
      );
      const prepared = events.length > 0 ? PreparedFacts.prepare(organisationId, events) : undefined;
      // Without the document asked for: not part of this evaluation.
      const has = prepared?.sets.some((s) => s.scope === 'document' && s.subject.documentId === document);
      yield { organisationId, prepared: has ? prepared : undefined, source: 'fold' };
    }
  }

  /**
   * Evaluates and stores the batch as events; returns its record. Before evaluating, the facts read
   * model's stale rows of the batch's organisations (up to its position) are prepared.
   */
  async run(
    stored: StoredRuleSet,
    request: EvaluationRequest,
    context: { actor: Actor; now: string; correlationId: string },
    onProgress?: EvaluationProgress,
    asOf?: Position,
    batchId: string = randomUUID(),
    phases?: Phases,
  ): Promise<{ batch: BatchRecord; findings: Finding[] }> {
    const position = asOf ?? (await this.store.headPosition());
    await this.awaitReadModels(position);
    const organisations = await this.organisations(request.organisations);
    if (!request.document) {
      const since = mark();
      await this.prepared.refresh({
        upTo: position,
        ...(request.organisations && request.organisations.length > 0 ? { organisations } : {}),
        ...(phases ? { phases } : {}),
      });
      addPhase(phases, 'prepare (stale rows)', since);
    }
    const outcome = await this.evaluate(
      new RuleSet(stored.rules),
      organisations,
      position,
      request,
      onProgress,
      phases,
    );
    const since = mark();
    const recorded = await this.record(stored, request, position, outcome, context, batchId);
    addPhase(phases, 'store batch', since);
    return recorded;
  }

  /** Waits until the read models (the facts read model among them) have reached `position`. */
  async awaitReadModels(position: Position): Promise<void> {
    if (!(await this.projector.waitFor(position, 30_000)))
      throw errors.readModelsBehind(formatPosition(position), 30);
  }

  /** Stores an evaluated batch (one process's, or the combined parts of a sharded one) as events. */
  async record(
    stored: Pick<StoredRuleSet, 'version' | 'hash'>,
    request: EvaluationRequest,
    position: Position,
    outcome: EvaluationOutcome,
    context: { actor: Actor; now: string; correlationId: string },
    batchId: string,
  ): Promise<{ batch: BatchRecord; findings: Finding[] }> {
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
}
