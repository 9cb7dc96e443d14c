import { OPERATORS } from './operators';
import type { Condition, FactReference, Facts, LeafCondition, RuleFile } from './rule';

/** A rule turned into a plain function over one fact set: no promises, no almanac, no per-run setup. */
export interface CompiledRule {
  readonly rule: RuleFile;
  readonly test: (facts: Facts) => boolean;
  /** Every fact the conditions read, in order of first use (the finding's evidence). */
  readonly facts: readonly string[];
}

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

const isReference = (value: unknown): value is FactReference =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.prototype.hasOwnProperty.call(value, 'fact');

type Test = (facts: Facts) => boolean;

/**
 * Generates one JavaScript expression per rule: property reads with literal names and direct
 * comparisons give V8 monomorphic inline caches, which closures over computed keys do not. Everything
 * from the rule enters the code as a JSON string literal (fact names) or through the constants array
 * (values, operators, paths), never as code.
 */
class CodeGenerator {
  readonly constants: unknown[] = [];
  readonly operators: ((a: unknown, b: unknown) => boolean)[] = [];
  readonly paths: ((value: unknown) => unknown)[] = [];

  constructor(private readonly used: Set<string>) {}

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  private read(fact: string, path: string | undefined): string {
    const access = `f[${JSON.stringify(fact)}]`;
    if (!path) return access;
    if (!SIMPLE_PATH.test(path)) throw new Error(`path "${path}" is not of the form $.a.b or $.list[0]`);
    this.paths.push(pathGetter(path));
    return `p[${this.paths.length - 1}](${access})`;
  }

  expression(condition: Condition): string {
    if ('all' in condition) return `(${condition.all.map((c) => this.expression(c)).join(' && ')})`;
    if ('any' in condition) return `(${condition.any.map((c) => this.expression(c)).join(' || ')})`;
    if ('not' in condition) return `!(${this.expression(condition.not)})`;
    const leaf: LeafCondition = condition;
    const operator = OPERATORS[leaf.operator];
    if (!operator) throw new Error(`unknown operator "${leaf.operator}"`);
    this.used.add(leaf.fact);
    const left = this.read(leaf.fact, leaf.path);
    let right: string;
    if (isReference(leaf.value)) {
      this.used.add(leaf.value.fact);
      right = this.read(leaf.value.fact, leaf.value.path);
    } else right = this.constant(leaf.value);
    // equal and notEqual are json-rules-engine's === and !== without a fact-value validator.
    if (leaf.operator === 'equal') return `(${left} === ${right})`;
    if (leaf.operator === 'notEqual') return `(${left} !== ${right})`;
    this.operators.push(operator);
    return `o[${this.operators.length - 1}](${left}, ${right})`;
  }
}

export function compileRule(rule: RuleFile): CompiledRule {
  const used = new Set<string>();
  const generator = new CodeGenerator(used);
  const body = `return ${generator.expression(rule.conditions)};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from validated structure, see CodeGenerator
  const make = new Function('k', 'o', 'p', `return function rule(f) { ${body} };`) as (
    k: unknown[],
    o: CodeGenerator['operators'],
    p: CodeGenerator['paths'],
  ) => Test;
  const test = make(generator.constants, generator.operators, generator.paths);
  for (const extra of rule.evidence ?? []) used.add(extra);
  return { rule, test, facts: [...used] };
}
