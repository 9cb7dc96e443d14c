import { currentRuleSet, RULE_SET_STREAM, ruleSetDecider, type RuleSetVersion } from '@sakip/domain';
import {
  loadRules,
  runExamples,
  ruleSetHash,
  validateRule,
  type RuleFile,
  type RuleProblem,
} from '@sakip/rules';
import { errors } from '../errors/catalogue';
import type { CommandContext, CommandPipeline, CommandResult } from '../pipeline/command-pipeline';

export { DEFAULT_RULES_DIR } from './rules-dir';

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
  constructor(private readonly pipeline: CommandPipeline) {}

  async versions(): Promise<StoredRuleSet[]> {
    return (await this.pipeline.state(RULE_SET_STREAM, ruleSetDecider)).versions.map(toStored);
  }

  async version(version: number): Promise<StoredRuleSet> {
    const found = (await this.versions()).find((v) => v.version === version);
    if (!found) throw errors.unknownRuleSetVersion(version);
    return found;
  }

  async current(): Promise<StoredRuleSet | undefined> {
    const current = currentRuleSet(await this.pipeline.state(RULE_SET_STREAM, ruleSetDecider));
    return current ? toStored(current) : undefined;
  }

  /**
   * The rules of a directory as a rule-set version: the stored version with the same content, or a new
   * version recorded now (so every batch names a version whose rules are kept).
   */
  async fromDirectory(dir: string, context: CommandContext): Promise<StoredRuleSet> {
    const loaded = await loadRules(dir);
    if (loaded.problems.length > 0)
      throw errors.rulesInvalid(
        dir,
        loaded.problems
          .map((p) => `${p.file}: ${p.problems.map((q) => `${q.path} ${q.message}`).join('; ')}`)
          .join(' | '),
      );
    const failing: string[] = [];
    for (const rule of loaded.rules)
      if ((await runExamples(rule)).some((o) => !o.passed)) failing.push(rule.id);
    if (failing.length > 0) throw errors.ruleExamplesFail(failing);
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
  async publish(candidate: unknown, context: CommandContext, comment?: string): Promise<CommandResult> {
    const check = await checkRule(candidate);
    if (!check.valid) throw errors.ruleNotPublishable(check.problems, check.failedExamples);
    const rule = candidate as RuleFile;
    const base = (await this.current())?.rules ?? [];
    return this.publishAll(
      [...base.filter((r) => r.id !== rule.id), rule],
      { kind: 'published', ruleIds: [rule.id], ...(comment ? { comment } : {}) },
      context,
    );
  }

  async retire(ruleId: string, context: CommandContext, comment?: string): Promise<CommandResult> {
    const base = (await this.current())?.rules ?? [];
    if (!base.some((r) => r.id === ruleId)) throw errors.unknownRule(ruleId);
    return this.publishAll(
      base.filter((r) => r.id !== ruleId),
      { kind: 'retired', ruleIds: [ruleId], ...(comment ? { comment } : {}) },
      context,
    );
  }

  private publishAll(
    rules: readonly RuleFile[],
    change: RuleSetVersion['change'],
    context: CommandContext,
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
