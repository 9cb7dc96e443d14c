import { join } from 'node:path';
import {
  currentRuleSet,
  DomainError,
  fold,
  RULE_SET_STREAM,
  ruleSetDecider,
  type Actor,
  type RuleSetEvent,
  type RuleSetVersion,
} from '@sakip/domain';
import type { EventStore } from '@sakip/event-store';
import {
  loadRules,
  runExamples,
  ruleSetHash,
  validateRule,
  type RuleFile,
  type RuleProblem,
} from '@sakip/rules';
import { packageRoot } from '../settings/package-root';
import { CommandPipeline, type CommandResult } from '../pipeline/command-pipeline';

export const DEFAULT_RULES_DIR = join(packageRoot(), 'rules');

export interface StoredRuleSet {
  readonly version: number;
  readonly hash: string;
  readonly rules: RuleFile[];
}

export interface RuleCheck {
  readonly valid: boolean;
  readonly problems: readonly RuleProblem[];
  /** Examples that did not behave as stated (only when the rule is otherwise valid). */
  readonly failedExamples: readonly { kind: 'fires' | 'doesNotFire'; index: number; fired: boolean }[];
}

const toStored = (version: RuleSetVersion): StoredRuleSet => ({
  version: version.version,
  hash: version.hash,
  rules: version.rules as RuleFile[],
});

/** Validates a rule and runs its examples: only a rule that passes both may be published. */
export async function checkRule(candidate: unknown): Promise<RuleCheck> {
  const problems = validateRule(candidate);
  if (problems.length > 0) return { valid: false, problems, failedExamples: [] };
  const failed = (await runExamples(candidate as RuleFile))
    .filter((o) => !o.passed)
    .map((o) => ({ kind: o.kind, index: o.index, fired: o.compiled }));
  return { valid: failed.length === 0, problems: [], failedExamples: failed };
}

/** The versions of the evaluation rule set, stored as events in the "rule-set" stream. */
export class RuleSets {
  private readonly pipeline: CommandPipeline;

  constructor(private readonly store: EventStore) {
    this.pipeline = new CommandPipeline(store);
  }

  async versions(): Promise<StoredRuleSet[]> {
    const events = await this.store.readStream(RULE_SET_STREAM);
    return fold(ruleSetDecider, events as unknown as RuleSetEvent[]).versions.map(toStored);
  }

  async version(version: number): Promise<StoredRuleSet> {
    const found = (await this.versions()).find((v) => v.version === version);
    if (!found)
      throw new DomainError(
        'UNKNOWN_RULE_SET_VERSION',
        { id: `Versi set aturan ${version} tidak ada.`, en: `There is no rule-set version ${version}.` },
        'not-found',
      );
    return found;
  }

  async current(): Promise<StoredRuleSet | undefined> {
    const events = await this.store.readStream(RULE_SET_STREAM);
    const current = currentRuleSet(fold(ruleSetDecider, events as unknown as RuleSetEvent[]));
    return current ? toStored(current) : undefined;
  }

  /**
   * The rules of a directory as a rule-set version: the stored version with the same content, or a new
   * version recorded now (so every batch names a version whose rules are kept).
   */
  async fromDirectory(
    dir: string,
    context: { actor: Actor; now: string; correlationId: string },
  ): Promise<StoredRuleSet> {
    const loaded = await loadRules(dir);
    if (loaded.problems.length > 0)
      throw new DomainError('RULES_INVALID', {
        id: `Aturan di ${dir} tidak valid: ${loaded.problems.map((p) => `${p.file}: ${p.problems.map((q) => `${q.path} ${q.message}`).join('; ')}`).join(' | ')}`,
        en: `The rules in ${dir} are not valid: ${loaded.problems.map((p) => `${p.file}: ${p.problems.map((q) => `${q.path} ${q.message}`).join('; ')}`).join(' | ')}`,
      });
    const failing: string[] = [];
    for (const rule of loaded.rules)
      if ((await runExamples(rule)).some((o) => !o.passed)) failing.push(rule.id);
    if (failing.length > 0)
      throw new DomainError('RULE_EXAMPLES_FAIL', {
        id: `Contoh aturan tidak sesuai: ${failing.join(', ')} (jalankan "sakip rules test").`,
        en: `Rule examples fail: ${failing.join(', ')} (run "sakip rules test").`,
      });
    const hash = ruleSetHash(loaded.rules);
    const existing = (await this.versions()).find((v) => v.hash === hash);
    if (existing) return existing;
    await this.publishAll(
      loaded.rules,
      { kind: 'from-directory', ruleIds: loaded.rules.map((r) => r.id), note: dir },
      context,
    );
    return (await this.current())!;
  }

  /** Adds or replaces one rule: a new version. The rule must be valid and pass its examples. */
  async publish(
    candidate: unknown,
    context: { actor: Actor; now: string; correlationId: string },
  ): Promise<CommandResult> {
    const check = await checkRule(candidate);
    if (!check.valid)
      throw new DomainError(
        'RULE_NOT_PUBLISHABLE',
        {
          id: 'Aturan tidak valid atau contohnya tidak sesuai; tidak diterbitkan.',
          en: 'The rule is not valid or its examples fail; it was not published.',
        },
        'rule',
        { problems: check.problems, failedExamples: check.failedExamples },
      );
    const rule = candidate as RuleFile;
    const base = (await this.current())?.rules ?? [];
    return this.publishAll(
      [...base.filter((r) => r.id !== rule.id), rule],
      { kind: 'published', ruleIds: [rule.id] },
      context,
    );
  }

  async retire(
    ruleId: string,
    context: { actor: Actor; now: string; correlationId: string },
  ): Promise<CommandResult> {
    const base = (await this.current())?.rules ?? [];
    if (!base.some((r) => r.id === ruleId))
      throw new DomainError(
        'UNKNOWN_RULE',
        {
          id: `Aturan "${ruleId}" tidak ada di set aturan terkini.`,
          en: `Rule "${ruleId}" is not in the current rule set.`,
        },
        'not-found',
      );
    return this.publishAll(
      base.filter((r) => r.id !== ruleId),
      { kind: 'retired', ruleIds: [ruleId] },
      context,
    );
  }

  private publishAll(
    rules: readonly RuleFile[],
    change: RuleSetVersion['change'],
    context: { actor: Actor; now: string; correlationId: string },
  ): Promise<CommandResult> {
    const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
    return this.pipeline.execute(
      RULE_SET_STREAM,
      ruleSetDecider,
      { type: 'PublishRuleSet', data: { hash: ruleSetHash(sorted), rules: sorted, change } },
      context,
    );
  }
}
