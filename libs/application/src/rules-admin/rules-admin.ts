import { relative } from 'node:path';
import { RULE_SET_STREAM, type RuleSetVersion } from '@sakip/domain';
import { formatPosition, type EventStore } from '@sakip/event-store';
import {
  FACT_CATALOGUE,
  loadRules,
  RULE_SCHEMA,
  RuleSet,
  ruleSetHash,
  validateRule,
  type Bilingual,
  type FactType,
  type Finding,
  type RuleFile,
  type Scope,
} from '@sakip/rules';
import { errors } from '../errors/catalogue';
import type { EvaluateRequest, Evaluations } from '../evaluations/evaluations';
import { checkRule, DEFAULT_RULES_DIR, type RuleCheck, type StoredRuleSet } from '../evaluations/rule-sets';
import { findingIdentity } from '../review/findings';
import type { EvaluationConfig } from '../settings/evaluation-config';
import type { CommandResult } from '../pipeline/command-pipeline';
import type { Caller } from '../shared/caller';
import type { Clock } from '../shared/clock';

export type RuleState = 'published' | 'draft' | 'retired';

/** One published rule-set version: what changed, why, who and when. */
export interface RuleSetHistoryEntry {
  readonly version: number;
  readonly hash: string;
  readonly change: RuleSetVersion['change'];
  readonly by: string | null;
  readonly at: string | null;
}

export interface CatalogueRule {
  readonly id: string;
  readonly area: string;
  readonly name: string;
  readonly class: string;
  readonly category: string;
  readonly severity: string;
  readonly scope: string;
  readonly title: Bilingual;
  readonly message: Bilingual;
  readonly state: RuleState;
  /** Published, and its file under rules/ says something else now. */
  readonly differsFromPublished: boolean;
  readonly hasFile: boolean;
  /** The first version that had the rule (null: never published). */
  readonly publishedIn: number | null;
  /** The version that dropped it (retired rules only). */
  readonly retiredIn: number | null;
}

export interface RuleCatalogue {
  readonly published: {
    readonly version: number;
    readonly hash: string;
    readonly publishedAt: string | null;
    readonly publishedBy: string | null;
    readonly comment: string | null;
  } | null;
  readonly rules: readonly CatalogueRule[];
  /** Files under rules/ that are not valid rules. */
  readonly invalidFiles: readonly { readonly file: string; readonly problems: readonly string[] }[];
  /** Newest first. */
  readonly history: readonly RuleSetHistoryEntry[];
}

export interface CatalogueRuleDetail {
  readonly id: string;
  readonly state: RuleState;
  /** The published JSON (for a retired rule: its last published JSON). */
  readonly published: RuleFile | null;
  /** The rule file under rules/, when there is one. */
  readonly file: RuleFile | null;
  readonly differsFromPublished: boolean;
}

export interface FactEntry {
  readonly name: string;
  readonly scope: Scope;
  readonly type: FactType;
  readonly nullable: boolean;
  readonly description: string;
}

export interface ComparedDryRun {
  readonly check: RuleCheck;
  readonly asOf: string;
  readonly total: number;
  readonly findings: readonly Finding[];
  /** The published rule with the same id, over the same scope (absent when none is published). */
  readonly published?: {
    readonly version: number;
    readonly total: number;
    readonly findings: readonly Finding[];
  };
  /** Finding identities the draft adds or no longer finds, against the published rule. */
  readonly diff: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

export type PublishedRuleSetWithHistory = StoredRuleSet & {
  readonly history: readonly RuleSetHistoryEntry[];
};

/** What `GET /rules` answers before any rule set is published: no version, no rules, and what to do. */
export interface NoRuleSetPublished {
  readonly version: null;
  readonly rules: readonly [];
  readonly history: readonly [];
  readonly messages: { readonly id: string; readonly en: string };
}

const SHOWN = 1000;

export const COMMENT_MAX_LENGTH = 2000;

/** `{ rule, comment }` or a bare rule (which has conditions, never a "rule" key). */
export function publishBody(body: unknown): { rule: unknown; comment?: string } {
  if (
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body) ||
    !('rule' in body) ||
    'conditions' in body
  )
    return { rule: body };
  const { rule, comment, ...rest } = body as { rule: unknown; comment?: unknown };
  const problems = [
    ...Object.keys(rest).map((key) => ({ path: key, message: `property ${key} should not exist` })),
    ...(comment !== undefined && (typeof comment !== 'string' || comment.length > COMMENT_MAX_LENGTH)
      ? [{ path: 'comment', message: `comment must be a text of at most ${COMMENT_MAX_LENGTH} characters` }]
      : []),
  ];
  if (problems.length > 0) throw errors.invalidRequest(problems);
  return { rule, ...(typeof comment === 'string' && comment.trim() ? { comment: comment.trim() } : {}) };
}

const areaAndName = (id: string) => {
  const slash = id.indexOf('/');
  return slash < 0 ? { area: '', name: id } : { area: id.slice(0, slash), name: id.slice(slash + 1) };
};

/** What an administrator sees of the rules: the catalogue with states, history, facts, schema, dry runs. */
export class RulesAdmin {
  constructor(
    private readonly evaluations: Evaluations,
    private readonly store: EventStore,
    private readonly config: EvaluationConfig,
    private readonly clock: Clock,
    private readonly rulesDir: string = DEFAULT_RULES_DIR,
  ) {}

  /** Every published version, newest first, with who published it, when, and the comment. */
  async history(): Promise<RuleSetHistoryEntry[]> {
    const events = await this.store.readStream(RULE_SET_STREAM);
    return events
      .filter((e) => e.type === 'RuleSetPublished')
      .map((e) => {
        const data = e.data as RuleSetVersion;
        const metadata = e.metadata as { actor?: { id?: string; name?: string }; recordedAt?: string };
        return {
          version: data.version,
          hash: data.hash,
          change: data.change,
          by: metadata.actor?.name ?? metadata.actor?.id ?? null,
          at: metadata.recordedAt ?? e.storedAt,
        };
      })
      .reverse();
  }

  /** The published rule set with its history (null before anything was published). */
  async current(): Promise<PublishedRuleSetWithHistory | NoRuleSetPublished> {
    const current = await this.evaluations.currentRules();
    if (current) return { ...current, history: await this.history() };
    return {
      version: null,
      rules: [],
      history: [],
      messages: {
        id: 'Belum ada set aturan yang diterbitkan. Evaluasi pertama menerbitkan aturan dari folder rules/ sebagai versi 1; atau terbitkan aturan dengan POST /rules atau "sakip rules publish".',
        en: 'No rule set is published yet. The first evaluation publishes the rules in rules/ as version 1; or publish rules with POST /rules or "sakip rules publish".',
      },
    };
  }

  async catalogue(): Promise<RuleCatalogue> {
    const [versions, history, loaded] = await Promise.all([
      this.evaluations.ruleSets.versions(),
      this.history(),
      loadRules(this.rulesDir),
    ]);
    const current = versions[versions.length - 1];
    const published = new Map((current?.rules ?? []).map((r) => [r.id, r]));
    const files = new Map(loaded.rules.map((r) => [r.id, r]));
    const firstIn = new Map<string, number>();
    const lastIn = new Map<string, { version: number; rule: RuleFile }>();
    for (const version of versions)
      for (const rule of version.rules) {
        if (!firstIn.has(rule.id)) firstIn.set(rule.id, version.version);
        lastIn.set(rule.id, { version: version.version, rule });
      }
    const ids = [...new Set([...published.keys(), ...files.keys(), ...lastIn.keys()])].sort();
    const rules = ids.map((id): CatalogueRule => {
      const file = files.get(id);
      const live = published.get(id);
      const last = lastIn.get(id);
      const shown = live ?? file ?? last!.rule;
      const state: RuleState = live ? 'published' : last ? 'retired' : 'draft';
      return {
        id,
        ...areaAndName(id),
        class: shown.class,
        category: shown.category,
        severity: shown.severity,
        scope: shown.scope,
        title: shown.title,
        message: shown.event.params.message,
        state,
        differsFromPublished: !!live && !!file && ruleSetHash([live]) !== ruleSetHash([file]),
        hasFile: !!file,
        publishedIn: firstIn.get(id) ?? null,
        retiredIn: state === 'retired' ? last!.version + 1 : null,
      };
    });
    const latest = history[0];
    return {
      published: current
        ? {
            version: current.version,
            hash: current.hash,
            publishedAt: latest?.at ?? null,
            publishedBy: latest?.by ?? null,
            comment: latest?.change.comment ?? null,
          }
        : null,
      rules,
      invalidFiles: loaded.problems.map((p) => ({
        file: relative(this.rulesDir, p.file),
        problems: p.problems.map((q) => `${q.path}: ${q.message}`),
      })),
      history,
    };
  }

  async rule(area: string, name: string): Promise<CatalogueRuleDetail> {
    const id = `${area}/${name}`;
    const [versions, loaded] = await Promise.all([
      this.evaluations.ruleSets.versions(),
      loadRules(this.rulesDir),
    ]);
    const current = versions[versions.length - 1];
    const live = current?.rules.find((r) => r.id === id);
    const last = [...versions].reverse().flatMap((v) => v.rules.filter((r) => r.id === id))[0];
    const file = loaded.rules.find((r) => r.id === id);
    if (!live && !last && !file) throw errors.unknownCatalogueRule(id);
    return {
      id,
      state: live ? 'published' : last ? 'retired' : 'draft',
      published: live ?? last ?? null,
      file: file ?? null,
      differsFromPublished: !!live && !!file && ruleSetHash([live]) !== ruleSetHash([file]),
    };
  }

  /**
   * Publishes a rule given bare (as a rule file) or as `{ rule, comment }`: the comment is kept with the
   * new rule-set version.
   */
  publish(body: unknown, caller: Caller): Promise<CommandResult> {
    const { rule, comment } = publishBody(body);
    return this.evaluations.publishRule(rule, caller, comment);
  }

  facts(): { facts: FactEntry[] } {
    return {
      facts: (Object.entries(FACT_CATALOGUE) as [Scope, (typeof FACT_CATALOGUE)[Scope]][]).flatMap(
        ([scope, facts]) =>
          Object.entries(facts).map(([name, info]) => ({
            name,
            scope,
            type: info.type,
            nullable: info.nullable ?? false,
            description: info.description,
          })),
      ),
    };
  }

  schema(): object {
    return RULE_SCHEMA;
  }

  /**
   * Runs a draft rule against the stored data, and the published rule with the same id over the same
   * organisations and position: what the draft would add and no longer find. Nothing is stored.
   */
  async dryRun(request: EvaluateRequest & { readonly rule: unknown }): Promise<ComparedDryRun> {
    const problems = validateRule(request.rule);
    if (problems.length > 0) throw errors.ruleInvalid(problems);
    const draft = request.rule as RuleFile;
    const check = await checkRule(draft);
    const evaluator = this.evaluations.evaluator;
    const asOf = await this.store.headPosition();
    const settings = {
      year: request.year,
      now: request.now ?? this.clock.now().toISOString().slice(0, 10),
      settings: this.config.settings,
      lke: this.config.lke,
      ...(request.kinds && request.kinds.length > 0 ? { kinds: request.kinds } : {}),
      ...(request.document ? { document: request.document } : {}),
    };
    const organisations = await evaluator.organisations(request.organisations);
    const run = async (rule: RuleFile) =>
      (await evaluator.evaluate(new RuleSet([rule]), organisations, asOf, settings)).findings;
    const findings = await run(draft);
    const current = await this.evaluations.currentRules();
    const live = current?.rules.find((r) => r.id === draft.id);
    const before = live ? await run(live) : [];
    const after = new Set(findings.map(findingIdentity));
    const was = new Set(before.map(findingIdentity));
    return {
      check,
      asOf: formatPosition(asOf),
      total: findings.length,
      findings: findings.slice(0, SHOWN),
      ...(live && current
        ? { published: { version: current.version, total: before.length, findings: before.slice(0, SHOWN) } }
        : {}),
      diff: {
        added: [...after].filter((id) => !was.has(id)).sort(),
        removed: [...was].filter((id) => !after.has(id)).sort(),
      },
    };
  }
}
