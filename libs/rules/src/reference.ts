import { Engine } from 'json-rules-engine';
import { CUSTOM_OPERATORS } from './operators';
import type { Facts, RuleFile } from './rule';

/**
 * json-rules-engine itself, with the custom operators registered: the reference semantics the
 * compiled evaluator must match (rule examples and the differential test run both).
 */
export function referenceEngine(rules: readonly RuleFile[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, op] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, op.fn);
  for (const rule of rules)
    engine.addRule({
      name: rule.id,
      conditions: rule.conditions as never,
      event: rule.event,
      ...(rule.priority !== undefined ? { priority: rule.priority } : {}),
    });
  return engine;
}

/** The ids of the rules json-rules-engine fires on these facts. */
export async function referenceFired(engine: Engine, facts: Facts): Promise<string[]> {
  const { results } = await engine.run({ ...facts });
  return results.map((r) => String(r.name)).sort();
}
