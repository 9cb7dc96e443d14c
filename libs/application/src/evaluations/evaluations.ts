import { randomUUID } from 'node:crypto';
import type { EventStore } from '@sakip/event-store';
import { formatPosition } from '@sakip/event-store';
import {
  loadRules,
  RuleSet,
  ruleSetHash,
  validateRule,
  type EvaluationKind,
  type Finding,
  type RuleFile,
} from '@sakip/rules';
import { errors } from '../errors/catalogue';
import { describeError } from '../errors/describe-error';
import type { CommandResult } from '../pipeline/command-pipeline';
import type { EvaluationConfig } from '../settings/evaluation-config';
import { commandContext, type Caller } from '../shared/caller';
import type { Clock } from '../shared/clock';
import type { BatchRecord, EvaluationProgress, Evaluator, OrganisationSummary } from './evaluator';
import { SplitEvaluation, type EvaluationPart, type EvaluationPlan } from './evaluation-plan';
import { findingsCsv, findingsWorkbook } from './export';
import { checkRule, DEFAULT_RULES_DIR, type RuleCheck, type RuleSets, type StoredRuleSet } from './rule-sets';

export interface EvaluateRequest {
  readonly year: number;
  /** Only these organisations (all when left out or empty). */
  readonly organisations?: readonly string[];
  /** The date the rules see as "now" (YYYY-MM-DD; default: today). */
  readonly now?: string;
  /** review (default): defects of what the documents say; compliance: what the store holds or lacks. */
  readonly kinds?: readonly EvaluationKind[];
  /** Review only this stored document (its own statements). */
  readonly document?: string;
}

export interface BatchView {
  readonly batch: BatchRecord;
}

/** A batch started in the background (`start`): where it stands until it is stored. */
export interface BatchProgress {
  readonly batchId: string;
  readonly status: 'running' | 'done' | 'failed';
  /** Organisations evaluated so far, of `total` (0 of 0 while the read models catch up). */
  readonly progress: { readonly done: number; readonly total: number };
  /** The stored batch, once done. */
  readonly batch?: BatchRecord;
  /** Why it failed (code and messages, as an error answer would say it). */
  readonly error?: { readonly code: string; readonly messages: { readonly id: string; readonly en: string } };
}

/** How many finished or failed background batches are remembered (their results stay in the store). */
const JOBS_KEPT = 1000;

export interface FindingsFilter {
  readonly organisation?: string;
  readonly severity?: string;
  readonly category?: string;
  readonly rule?: string;
  /** Defect class (sakip-defects/1). */
  readonly class?: string;
  /** Findings about this document. */
  readonly document?: string;
  /** json (default), or a file: csv or xlsx. */
  readonly format?: 'json' | 'csv' | 'xlsx';
  readonly limit?: number;
  readonly offset?: number;
}

export type FindingsAnswer =
  | {
      readonly kind: 'json';
      readonly total: number;
      /** `id`: the finding's place in the stored batch (GET /evaluations/:id/findings/:findingId). */
      readonly findings: readonly (Finding & { readonly id: string })[];
    }
  | { readonly kind: 'file'; readonly contentType: string; readonly filename: string; readonly body: Buffer };

/** Rule files on disk against the published rule set (`sakip rules status`). */
export interface RulesStatus {
  readonly published: { readonly version: number; readonly hash: string; readonly rules: number } | null;
  /** Rule ids with a file but not published. */
  readonly added: readonly string[];
  /** Published, but the file says something else now. */
  readonly changed: readonly string[];
  /** Published, without a file in the directory (publishing the directory retires them). */
  readonly missing: readonly string[];
  /** Files that are not valid rules (publishing refuses the directory while there are any). */
  readonly invalid: readonly { readonly file: string; readonly problems: readonly string[] }[];
}

export interface DryRunAnswer {
  readonly check: RuleCheck;
  readonly asOf: string;
  readonly total: number;
  readonly findings: readonly Finding[];
}

/** Evaluation batches and the rule set they use, for the API and the CLI. */
export class Evaluations {
  private readonly jobs = new Map<string, BatchProgress>();
  /** Split batches: a plan, shards of it on several processes or machines, their parts combined. */
  readonly split: SplitEvaluation;

  constructor(
    readonly evaluator: Evaluator,
    readonly ruleSets: RuleSets,
    private readonly store: EventStore,
    private readonly config: EvaluationConfig,
    private readonly clock: Clock,
  ) {
    this.split = new SplitEvaluation(evaluator, ruleSets, store);
  }

  /** A plan for a split batch (`sakip evaluate --plan-out`): position, rule-set version, organisations. */
  plan(request: EvaluateRequest, ruleSet: StoredRuleSet): Promise<EvaluationPlan> {
    return this.split.plan(ruleSet, this.settingsFor(request));
  }

  /** Records the parts of a split batch as one batch (`sakip evaluate --combine`). */
  combine(
    plan: EvaluationPlan,
    parts: readonly EvaluationPart[],
    caller: Caller,
  ): Promise<{ batch: BatchRecord; findings: Finding[] }> {
    return this.split.combine(plan, parts, commandContext(caller, this.clock));
  }

  /**
   * The rule set to evaluate with: the rules of `rulesDir` when given (stored as a version when new), else
   * the latest published rule set (the first time, the rules shipped in ./rules become version 1).
   */
  ruleSet(caller: Caller, rulesDir?: string): Promise<StoredRuleSet> {
    return rulesDir
      ? this.ruleSets.fromDirectory(rulesDir, commandContext(caller, this.clock))
      : this.currentRuleSet(caller);
  }

  /** Runs a rule set (default: `ruleSet(caller)`) over the organisations and stores the batch. */
  async run(
    request: EvaluateRequest,
    caller: Caller,
    options: { ruleSet?: StoredRuleSet; onProgress?: EvaluationProgress } = {},
  ): Promise<{ batch: BatchRecord; findings: Finding[] }> {
    const ruleSet = options.ruleSet ?? (await this.ruleSet(caller));
    return this.evaluator.run(
      ruleSet,
      this.settingsFor(request),
      commandContext(caller, this.clock),
      options.onProgress,
    );
  }

  /** The rules of a stored rule-set version by id (their titles head the workbook's rows). */
  private async ruleTitles(version: number): Promise<ReadonlyMap<string, RuleFile>> {
    const stored = await this.ruleSets.version(version);
    return new Map(stored.rules.map((rule) => [rule.id, rule]));
  }

  /**
   * Starts a batch in the background and answers at once with its id: a large batch never holds a request
   * (or the process) for its whole run; `progress(batchId)` says where it stands. The rule set is chosen
   * first, so a rule-set problem is an error of this call.
   */
  async start(request: EvaluateRequest, caller: Caller): Promise<BatchProgress> {
    const ruleSet = await this.ruleSet(caller);
    const batchId = randomUUID();
    const running: BatchProgress = { batchId, status: 'running', progress: { done: 0, total: 0 } };
    this.remember(running);
    this.evaluator
      .run(
        ruleSet,
        this.settingsFor(request),
        commandContext(caller, this.clock),
        (done, total) => this.remember({ ...running, progress: { done, total } }),
        undefined,
        batchId,
      )
      .then(
        ({ batch }) => {
          const total = this.organisationCount(batch);
          this.remember({ batchId, status: 'done', progress: { done: total, total }, batch });
        },
        (error: unknown) => {
          const { code, messages } = describeError(error);
          this.remember({ ...this.jobs.get(batchId)!, status: 'failed', error: { code, messages } });
        },
      );
    return running;
  }

  /** Where a batch stands: running or failed in this process, or stored (done). */
  async progress(batchId: string): Promise<BatchProgress> {
    const job = this.jobs.get(batchId);
    if (job && job.status !== 'done') return job;
    const { batch } = await this.batch(batchId);
    const total = this.organisationCount(batch);
    return { batchId, status: 'done', progress: { done: total, total }, batch };
  }

  async batch(batchId: string): Promise<BatchView> {
    return { batch: (await this.evaluator.batch(batchId)).batch };
  }

  private organisationCount(batch: BatchRecord): number {
    return (batch.summary as { organisations?: unknown[] } | null)?.organisations?.length ?? 0;
  }

  private remember(job: BatchProgress): void {
    this.jobs.delete(job.batchId);
    this.jobs.set(job.batchId, job);
    if (this.jobs.size > JOBS_KEPT)
      for (const [id, kept] of this.jobs)
        if (kept.status !== 'running') {
          this.jobs.delete(id);
          break;
        }
  }

  /** A batch's findings, filtered: JSON (paged), or a CSV or XLSX file with Indonesian headers. */
  async findings(batchId: string, filter: FindingsFilter): Promise<FindingsAnswer> {
    const { batch, findings } = await this.evaluator.batch(batchId);
    const selected = findings.filter(
      (f) =>
        (!filter.organisation || f.subject.organisationId === filter.organisation) &&
        (!filter.severity || f.severity === filter.severity) &&
        (!filter.category || f.category === filter.category) &&
        (!filter.rule || f.ruleId === filter.rule) &&
        (!filter.class || f.class === filter.class) &&
        (!filter.document || f.subject.documentId === filter.document),
    );
    const name = `temuan-${batch.year}-${batchId.slice(0, 8)}`;
    if (filter.format === 'csv')
      return {
        kind: 'file',
        contentType: 'text/csv; charset=utf-8',
        filename: `${name}.csv`,
        body: Buffer.from(findingsCsv(selected)),
      };
    if (filter.format === 'xlsx') {
      const summaries = (batch.summary as { organisations: OrganisationSummary[] }).organisations;
      return {
        kind: 'file',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename: `${name}.xlsx`,
        body: await findingsWorkbook(selected, await this.ruleTitles(batch.ruleSet.version), {
          batch,
          summaries,
        }),
      };
    }
    const offset = filter.offset ?? 0;
    const place = new Map(findings.map((f, i) => [f, i]));
    return {
      kind: 'json',
      total: selected.length,
      findings: selected
        .slice(offset, offset + (filter.limit ?? 1000))
        .map((f) => ({ id: String(place.get(f)), ...f })),
    };
  }

  /** Which rule files differ from the published rule set. */
  async rulesStatus(dir: string = DEFAULT_RULES_DIR): Promise<RulesStatus> {
    const [loaded, current] = [await loadRules(dir), await this.ruleSets.current()];
    const published = new Map((current?.rules ?? []).map((r) => [r.id, ruleSetHash([r])]));
    const onDisk = new Map(loaded.rules.map((r) => [r.id, ruleSetHash([r])]));
    return {
      published: current
        ? { version: current.version, hash: current.hash, rules: current.rules.length }
        : null,
      added: [...onDisk.keys()].filter((id) => !published.has(id)).sort(),
      changed: [...onDisk]
        .filter(([id, hash]) => published.has(id) && published.get(id) !== hash)
        .map(([id]) => id)
        .sort(),
      missing: [...published.keys()].filter((id) => !onDisk.has(id)).sort(),
      invalid: loaded.problems.map((p) => ({
        file: p.file,
        problems: p.problems.map((q) => `${q.path}: ${q.message}`),
      })),
    };
  }

  /**
   * Publishes the rules of a directory as the rule set (a new version unless the same rules are published
   * already); refused while a file is invalid or an example fails.
   */
  publishDirectory(dir: string, caller: Caller): Promise<StoredRuleSet> {
    return this.ruleSets.fromDirectory(dir, commandContext(caller, this.clock));
  }

  async currentRules(): Promise<StoredRuleSet | null> {
    return (await this.ruleSets.current()) ?? null;
  }

  /** Schema, fact catalogue, operators, and the rule's own examples. */
  validateRule(rule: unknown): Promise<RuleCheck> {
    return checkRule(rule);
  }

  /** Runs a draft rule against the stored data; nothing is stored. */
  async dryRun(request: EvaluateRequest & { readonly rule: unknown }): Promise<DryRunAnswer> {
    const problems = validateRule(request.rule);
    if (problems.length > 0) throw errors.ruleInvalid(problems);
    const check = await checkRule(request.rule);
    const asOf = await this.store.headPosition();
    const settings = this.settingsFor(request);
    const organisations = await this.evaluator.organisations(settings.organisations);
    const { findings } = await this.evaluator.evaluate(
      new RuleSet([request.rule as RuleFile]),
      organisations,
      asOf,
      settings,
    );
    return { check, asOf: formatPosition(asOf), total: findings.length, findings: findings.slice(0, 1000) };
  }

  /** Adds or replaces a rule: a new rule-set version (refused when invalid or its examples fail). */
  async publishRule(rule: unknown, caller: Caller, comment?: string): Promise<CommandResult> {
    await this.currentRuleSet(caller);
    return this.ruleSets.publish(rule, commandContext(caller, this.clock), comment);
  }

  /** A new rule-set version without the rule (stored batches keep theirs). */
  async retireRule(ruleId: string, caller: Caller, comment?: string): Promise<CommandResult> {
    await this.currentRuleSet(caller);
    return this.ruleSets.retire(ruleId, commandContext(caller, this.clock), comment);
  }

  /** The latest published rule set; the first time, the rules shipped in ./rules become version 1. */
  private async currentRuleSet(caller: Caller): Promise<StoredRuleSet> {
    return (
      (await this.ruleSets.current()) ??
      this.ruleSets.fromDirectory(DEFAULT_RULES_DIR, commandContext(caller, this.clock))
    );
  }

  private settingsFor(request: EvaluateRequest) {
    return {
      year: request.year,
      now: request.now ?? this.clock.now().toISOString().slice(0, 10),
      settings: this.config.settings,
      lke: this.config.lke,
      ...(request.organisations && request.organisations.length > 0
        ? { organisations: request.organisations }
        : {}),
      ...(request.kinds && request.kinds.length > 0 ? { kinds: request.kinds } : {}),
      ...(request.document ? { document: request.document } : {}),
    };
  }
}
