import { OPERATORS } from './operators';
import type { Condition, FactReference, Facts, LeafCondition, RuleFile } from './rule';

/** A rule turned into a plain function over one fact set: no promises, no almanac, no per-run setup. */
export interface CompiledRule {
  readonly rule: RuleFile;
  readonly test: (facts: Facts) => boolean;
  /** Every fact the conditions read, in order of first use (the finding's evidence). */
  readonly facts: readonly string[];
}

type Getter = (facts: Facts) => unknown;

/**
 * Paths as json-rules-engine resolves them on an object ("$.a.b", "$.list[0]"); on a non-object the
 * fact's own value is returned, as json-rules-engine does. Only this simple form is accepted in rules.
 */
export const SIMPLE_PATH = /^\$(\.[A-Za-z_][\w]*|\[\d+\])*$/;

function pathGetter(path: string): (value: unknown) => unknown {
  const steps = [...path.matchAll(/\.([A-Za-z_]\w*)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
  return (value) => {
    if (value === null || typeof value !== 'object') return value;
    let current: unknown = value;
    for (const step of steps) {
      if (current === null || current === undefined) return undefined;
      current = (current as Record<string | number, unknown>)[step];
    }
    return current;
  };
}

function factGetter(fact: string, path: string | undefined): Getter {
  if (!path) return (facts) => facts[fact];
  if (!SIMPLE_PATH.test(path)) throw new Error(`path "${path}" is not of the form $.a.b or $.list[0]`);
  const resolve = pathGetter(path);
  return (facts) => resolve(facts[fact]);
}

const isReference = (value: unknown): value is FactReference =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.prototype.hasOwnProperty.call(value, 'fact');

function compileCondition(condition: Condition, used: Set<string>): (facts: Facts) => boolean {
  if ('all' in condition) {
    const parts = condition.all.map((c) => compileCondition(c, used));
    return (facts) => parts.every((part) => part(facts));
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compileCondition(c, used));
    return (facts) => parts.some((part) => part(facts));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, used);
    return (facts) => !inner(facts);
  }
  const leaf: LeafCondition = condition;
  const operator = OPERATORS[leaf.operator];
  if (!operator) throw new Error(`unknown operator "${leaf.operator}"`);
  used.add(leaf.fact);
  const left = factGetter(leaf.fact, leaf.path);
  if (isReference(leaf.value)) {
    used.add(leaf.value.fact);
    const right = factGetter(leaf.value.fact, leaf.value.path);
    return (facts) => operator(left(facts), right(facts));
  }
  const constant = leaf.value;
  return (facts) => operator(left(facts), constant);
}

export function compileRule(rule: RuleFile): CompiledRule {
  const used = new Set<string>();
  const test = compileCondition(rule.conditions, used);
  for (const extra of rule.evidence ?? []) used.add(extra);
  return { rule, test, facts: [...used] };
}
