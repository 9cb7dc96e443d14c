import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
// The schema lives beside the rule files (editors use it through "$schema"); it is data, not code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import schema from '../../../rules/rule.schema.json';
import { SIMPLE_PATH } from './compile';
import { FACT_CATALOGUE, isKnownFact } from './facts/catalogue';
import { OPERATORS } from './operators';
import { PLACEHOLDER } from './rule-set';
import type { Condition, FactReference, LeafCondition, RuleFile, Scope } from './rule';

export interface RuleProblem {
  /** Where in the rule: "conditions.all[1].fact", "examples.fires[0].unknownFact". */
  readonly path: string;
  readonly message: string;
}

/** The JSON Schema of a rule file (rules/rule.schema.json). */
export const RULE_SCHEMA: object = schema;

/** ajv, loaded by the first check: loading it takes a tenth of a second that commands checking nothing need not spend. */
const ajvClass = (): typeof Ajv => (module.require('ajv') as typeof import('ajv')).default;
// Compiled when the first rule is checked: commands that check no rule do not pay for it at start-up.
// Not checked against the meta-schema here (rules.spec.ts does that once).
let compiled: ValidateFunction<RuleFile> | undefined;
const schemaValidator = (): ValidateFunction<RuleFile> =>
  (compiled ??= new (ajvClass())({ allErrors: true, strict: false, validateSchema: false }).compile<RuleFile>(
    schema,
  ));

function describe(error: ErrorObject): RuleProblem {
  const path =
    error.instancePath
      .replace(/^\//, '')
      .replace(/\/(\d+)/g, '[$1]')
      .replace(/\//g, '.') || '(rule)';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, message: `"${String(p['missingProperty'])}" is required` };
    case 'additionalProperties':
      return { path, message: `"${String(p['additionalProperty'])}" is not a field of a rule here` };
    case 'enum':
      return { path, message: `must be one of: ${(p['allowedValues'] as unknown[]).join(', ')}` };
    case 'const':
      return { path, message: `must be "${String(p['allowedValue'])}"` };
    case 'pattern':
      return { path, message: `does not have the expected form (${String(p['pattern'])})` };
    case 'minItems':
      return { path, message: `needs at least ${String(p['limit'])} item(s)` };
    default:
      return { path, message: error.message ?? 'is not valid' };
  }
}

/**
 * Every problem of a rule in plain words: the schema, then what the schema cannot see — facts not in
 * the catalogue for the rule's scope, unknown operators, message placeholders, example facts, and an id
 * that does not match the file's place.
 */
export function validateRule(candidate: unknown, expectedId?: string): RuleProblem[] {
  const validateSchema = schemaValidator();
  if (!validateSchema(candidate)) {
    const errors = (validateSchema.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
    // oneOf branches repeat each other; keep distinct messages.
    const seen = new Set<string>();
    return errors.map(describe).filter((p) => {
      const key = `${p.path}|${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  const rule = candidate;
  const problems: RuleProblem[] = [];
  const scope = rule.scope;
  const known = (fact: string) => isKnownFact(scope, fact);
  const suggest = (fact: string) => {
    const names = Object.keys(FACT_CATALOGUE[scope]);
    const lower = fact.toLowerCase();
    const close = names
      .filter((n) => n.toLowerCase().includes(lower.slice(0, 5)) || editDistance(n.toLowerCase(), lower) <= 2)
      .map((n) => ({ n, d: editDistance(n.toLowerCase(), lower) }))
      .sort((a, b) => a.d - b.d);
    const best = close[0]?.d ?? 0;
    const nearest = close.filter((c) => c.d <= best + 2).map((c) => c.n);
    return nearest.length > 0 ? ` (did you mean ${nearest.slice(0, 3).join(', ')}?)` : '';
  };
  const walk = (condition: Condition, path: string) => {
    if ('all' in condition) return condition.all.forEach((c, i) => walk(c, `${path}.all[${i}]`));
    if ('any' in condition) return condition.any.forEach((c, i) => walk(c, `${path}.any[${i}]`));
    if ('not' in condition) return walk(condition.not, `${path}.not`);
    const leaf: LeafCondition = condition;
    if (!known(leaf.fact))
      problems.push({
        path: `${path}.fact`,
        message: `"${leaf.fact}" is not a fact of scope "${scope}"${suggest(leaf.fact)}`,
      });
    if (!OPERATORS[leaf.operator])
      problems.push({
        path: `${path}.operator`,
        message: `"${leaf.operator}" is not an operator; use one of ${Object.keys(OPERATORS).join(', ')}`,
      });
    if (leaf.path && !SIMPLE_PATH.test(leaf.path))
      problems.push({ path: `${path}.path`, message: `"${leaf.path}" must look like $.a.b or $.list[0]` });
    const value = leaf.value as FactReference | undefined;
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      'fact' in value &&
      !known(String(value.fact))
    )
      problems.push({
        path: `${path}.value.fact`,
        message: `"${String(value.fact)}" is not a fact of scope "${scope}"`,
      });
  };
  walk(rule.conditions, 'conditions');
  if (rule.subjectsFact !== undefined && !known(rule.subjectsFact))
    problems.push({
      path: 'subjectsFact',
      message: `"${rule.subjectsFact}" is not a fact of scope "${scope}"`,
    });
  for (const name of rule.evidence ?? [])
    if (!known(name))
      problems.push({ path: 'evidence', message: `"${name}" is not a fact of scope "${scope}"` });
  for (const language of ['id', 'en'] as const)
    for (const match of rule.event.params.message[language].matchAll(PLACEHOLDER))
      if (!known(match[1]!))
        problems.push({
          path: `event.params.message.${language}`,
          message: `placeholder {${match[1]!}} is not a fact of scope "${scope}"`,
        });
  for (const kind of ['fires', 'doesNotFire'] as const)
    rule.examples[kind].forEach((example, i) => {
      for (const fact of Object.keys(example))
        if (!known(fact))
          problems.push({
            path: `examples.${kind}[${i}].${fact}`,
            message: `"${fact}" is not a fact of scope "${scope}"`,
          });
    });
  if (expectedId !== undefined && rule.id !== expectedId)
    problems.push({ path: 'id', message: `is "${rule.id}" but the file's place says "${expectedId}"` });
  return problems;
}

export function scopeFacts(scope: Scope): string[] {
  return Object.keys(FACT_CATALOGUE[scope]);
}

/** Levenshtein distance, for "did you mean" suggestions on short fact names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}
