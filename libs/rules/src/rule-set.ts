import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { compileRule, type CompiledRule } from './compile';
import type { FactSet, FactValue, Finding, RuleFile, Scope } from './rule';

/** Per rule: on how many fact sets it was evaluated and how many it fired on. */
export type RuleStats = Map<string, { evaluated: number; fired: number }>;

/** A set of rules, compiled once and grouped by scope, identified by the hash of its content. */
export class RuleSet {
  readonly hash: string;
  private readonly byScope = new Map<Scope, CompiledRule[]>();

  constructor(readonly rules: readonly RuleFile[]) {
    const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
    this.hash = ruleSetHash(sorted);
    for (const rule of sorted) {
      const compiled = compileRule(rule);
      const list = this.byScope.get(rule.scope);
      if (list) list.push(compiled);
      else this.byScope.set(rule.scope, [compiled]);
    }
  }

  rulesOf(scope: Scope): readonly CompiledRule[] {
    return this.byScope.get(scope) ?? [];
  }

  /** Every finding of every rule on these fact sets, in fact-set then rule order. */
  evaluate(factSets: Iterable<FactSet>, onFinding: (finding: Finding) => void, stats?: RuleStats): number {
    let evaluations = 0;
    for (const set of factSets) {
      const rules = this.byScope.get(set.scope);
      if (!rules) continue;
      for (const compiled of rules) {
        evaluations++;
        const fired = compiled.test(set.facts);
        if (stats) {
          const s = stats.get(compiled.rule.id) ?? { evaluated: 0, fired: 0 };
          s.evaluated++;
          if (fired) s.fired++;
          stats.set(compiled.rule.id, s);
        }
        if (fired) onFinding(findingOf(compiled, set));
      }
    }
    return evaluations;
  }
}

export function ruleSetHash(rules: readonly RuleFile[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  return createHash('sha256')
    .update(stringify(sorted) ?? '')
    .digest('hex');
}

export function findingOf(compiled: CompiledRule, set: FactSet): Finding {
  const { rule } = compiled;
  const facts: Record<string, FactValue> = {};
  for (const name of compiled.facts) facts[name] = set.facts[name] ?? null;
  return {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    scope: rule.scope,
    subject: set.subject,
    message: {
      id: render(rule.event.params.message.id, set.facts),
      en: render(rule.event.params.message.en, set.facts),
    },
    evidence: { facts, eventIds: set.eventIds },
  };
}

/** A fact value as text for a message: document values by their raw text, lists joined. */
export function formatFact(value: FactValue): string {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.map(formatFact).join(', ');
  if (typeof value === 'object') {
    if ('raw' in value && 'kind' in value) return formatFact((value as { raw: unknown }).raw);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function render(template: string, facts: Readonly<Record<string, FactValue>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => formatFact(facts[name]));
}
