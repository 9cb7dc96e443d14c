import { compileRule } from './compile';
import { referenceEngine, referenceFired } from './reference';
import type { Facts, RuleFile } from './rule';

export interface ExampleOutcome {
  readonly ruleId: string;
  readonly kind: 'fires' | 'doesNotFire';
  readonly index: number;
  readonly passed: boolean;
  /** What the compiled evaluator and json-rules-engine said; they must agree. */
  readonly compiled: boolean;
  readonly reference: boolean;
  readonly facts: Facts;
}

/** Runs a rule's examples through the compiled evaluator and through json-rules-engine. */
export async function runExamples(rule: RuleFile): Promise<ExampleOutcome[]> {
  const compiled = compileRule(rule);
  const engine = referenceEngine([rule]);
  const outcomes: ExampleOutcome[] = [];
  for (const kind of ['fires', 'doesNotFire'] as const)
    for (const [index, facts] of rule.examples[kind].entries()) {
      const byCompiled = compiled.test(facts);
      const byReference = (await referenceFired(engine, facts)).includes(rule.id);
      const expected = kind === 'fires';
      outcomes.push({
        ruleId: rule.id,
        kind,
        index,
        passed: byCompiled === expected && byReference === expected,
        compiled: byCompiled,
        reference: byReference,
        facts,
      });
    }
  return outcomes;
}
