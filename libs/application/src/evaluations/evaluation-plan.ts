import { randomUUID } from 'node:crypto';
import { comparePositions, formatPosition, parsePosition, type EventStore } from '@sakip/event-store';
import { RuleSet, type Finding } from '@sakip/rules';
import type { Actor } from '@sakip/domain';
import { errors } from '../errors/catalogue';
import type {
  BatchRecord,
  EvaluationOutcome,
  EvaluationProgress,
  EvaluationRequest,
  Evaluator,
  OrganisationSummary,
} from './evaluator';
import { addPhase, mark, type Phases } from './prepared-facts';
import type { RuleSets, StoredRuleSet } from './rule-sets';

export const PLAN_FORMAT = 'sakip-evaluation-plan/1';
export const PART_FORMAT = 'sakip-evaluation-part/1';

/**
 * What every part of a split batch shares: the batch id, the event position, the rule-set version, the
 * request and the organisations in order. Shards evaluate slices of it (on any process or machine that
 * reaches the same store) and `combine` records their parts as one batch.
 */
export interface EvaluationPlan {
  readonly format: typeof PLAN_FORMAT;
  readonly batchId: string;
  readonly asOf: string;
  readonly ruleSet: { readonly version: number; readonly hash: string };
  readonly request: EvaluationRequest;
  readonly organisations: readonly string[];
}

/** What one shard evaluated. */
export interface EvaluationPart {
  readonly format: typeof PART_FORMAT;
  readonly batchId: string;
  readonly asOf: string;
  readonly ruleSetHash: string;
  readonly shard: { readonly index: number; readonly count: number };
  readonly outcome: EvaluationOutcome;
  readonly phases: Phases;
}

/** The organisations of shard `index` of `count`: every count-th one, so that each shard gets a mix. */
export function shardOf<T>(items: readonly T[], index: number, count: number): T[] {
  return items.filter((_, i) => i % count === index);
}

/** Parses "i/n" (0 ≤ i < n). */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count)
    throw new Error(`--shard must be i/n with 0 ≤ i < n (e.g. 0/4), not "${text}"`);
  return { index, count };
}

const mismatch = (id: string, en: string) => errors.evaluationPlanMismatch({ id, en });

/** Plans, evaluates shards of, and combines split batches. */
export class SplitEvaluation {
  constructor(
    private readonly evaluator: Evaluator,
    private readonly ruleSets: RuleSets,
    private readonly store: EventStore,
  ) {}

  /** Fixes the position (the head now), the rule-set version and the organisations of a batch. */
  async plan(ruleSet: StoredRuleSet, request: EvaluationRequest): Promise<EvaluationPlan> {
    const position = await this.store.headPosition();
    await this.evaluator.awaitReadModels(position);
    const organisations = await this.evaluator.organisations(request.organisations);
    return {
      format: PLAN_FORMAT,
      batchId: randomUUID(),
      asOf: formatPosition(position),
      ruleSet: { version: ruleSet.version, hash: ruleSet.hash },
      request,
      organisations,
    };
  }

  /**
   * Evaluates shard `index` of `count` of a plan, as of its position with its rule-set version: prepares
   * the shard's stale rows of the facts read model first (so shards share that work too). Refused when the
   * store does not hold the plan's position or rule-set version.
   */
  async shard(
    plan: EvaluationPlan,
    index: number,
    count: number,
    onProgress?: EvaluationProgress,
  ): Promise<EvaluationPart> {
    const ruleSet = await this.check(plan);
    const position = parsePosition(plan.asOf);
    await this.evaluator.awaitReadModels(position);
    const organisations = shardOf(plan.organisations, index, count);
    const phases: Phases = {};
    if (!plan.request.document) {
      const since = mark();
      await this.evaluator.prepared.refresh({ upTo: position, organisations, phases });
      addPhase(phases, 'prepare (stale rows)', since);
    }
    const outcome = await this.evaluator.evaluate(
      new RuleSet(ruleSet.rules),
      organisations,
      position,
      plan.request,
      onProgress,
      phases,
    );
    return {
      format: PART_FORMAT,
      batchId: plan.batchId,
      asOf: plan.asOf,
      ruleSetHash: plan.ruleSet.hash,
      shard: { index, count },
      outcome,
      phases,
    };
  }

  /**
   * Records the parts of a plan as one batch: findings and summaries in the plan's organisation order, as
   * one process would have recorded them. Refused unless every shard of the plan is there exactly once.
   */
  async combine(
    plan: EvaluationPlan,
    parts: readonly EvaluationPart[],
    context: { actor: Actor; now: string; correlationId: string },
  ): Promise<{ batch: BatchRecord; findings: Finding[] }> {
    await this.check(plan);
    const count = parts[0]?.shard.count ?? 0;
    for (const part of parts)
      if (
        part.format !== PART_FORMAT ||
        part.batchId !== plan.batchId ||
        part.asOf !== plan.asOf ||
        part.ruleSetHash !== plan.ruleSet.hash
      )
        throw mismatch(
          `bagian ${part.shard.index}/${part.shard.count} berasal dari rencana lain (${part.batchId}).`,
          `part ${part.shard.index}/${part.shard.count} belongs to another plan (${part.batchId}).`,
        );
    const indexes = parts.map((p) => p.shard.index).sort((a, b) => a - b);
    if (
      parts.some((p) => p.shard.count !== count) ||
      indexes.length !== count ||
      indexes.some((i, n) => i !== n)
    )
      throw mismatch(
        `bagian yang diberikan (${indexes.join(', ')}) bukan tepat semua ${count} bagian.`,
        `the parts given (${indexes.join(', ')}) are not exactly all ${count} shards.`,
      );
    const order = new Map(plan.organisations.map((o, i) => [o, i]));
    const rank = (organisationId: string) => order.get(organisationId) ?? Number.MAX_SAFE_INTEGER;
    const summaries: OrganisationSummary[] = parts
      .flatMap((p) => p.outcome.summaries)
      .sort((a, b) => rank(a.organisationId) - rank(b.organisationId));
    // Within an organisation, findings keep their order (the sort is stable).
    const findings = parts
      .flatMap((p) => p.outcome.findings)
      .sort((a, b) => rank(a.subject.organisationId) - rank(b.subject.organisationId));
    const outcome: EvaluationOutcome = {
      findings,
      summaries,
      evaluations: parts.reduce((n, p) => n + p.outcome.evaluations, 0),
    };
    return this.evaluator.record(
      plan.ruleSet,
      plan.request,
      parsePosition(plan.asOf),
      outcome,
      context,
      plan.batchId,
    );
  }

  /** The plan's rule-set version as stored here, if this store holds it and the plan's position. */
  private async check(plan: EvaluationPlan): Promise<StoredRuleSet> {
    if (plan.format !== PLAN_FORMAT)
      throw mismatch(
        `berkas ini bukan rencana evaluasi (${String(plan.format)}).`,
        `this file is not an evaluation plan (${String(plan.format)}).`,
      );
    const head = await this.store.headPosition();
    if (comparePositions(parsePosition(plan.asOf), head) > 0)
      throw mismatch(
        `posisi event rencana ${plan.asOf} melewati posisi terakhir penyimpanan ini (${formatPosition(head)}).`,
        `the plan's event position ${plan.asOf} is beyond this store's last position (${formatPosition(head)}).`,
      );
    const versions = await this.ruleSets.versions();
    const stored = versions.find((v) => v.version === plan.ruleSet.version);
    if (!stored || stored.hash !== plan.ruleSet.hash)
      throw mismatch(
        `set aturan versi ${plan.ruleSet.version} (${plan.ruleSet.hash.slice(0, 12)}) tidak ada di sini${stored ? ` (di sini: ${stored.hash.slice(0, 12)})` : ''}.`,
        `rule-set version ${plan.ruleSet.version} (${plan.ruleSet.hash.slice(0, 12)}) is not stored here${stored ? ` (here: ${stored.hash.slice(0, 12)})` : ''}.`,
      );
    return stored;
  }
}
