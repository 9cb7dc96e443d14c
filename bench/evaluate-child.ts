import 'reflect-metadata';
import { DEFAULT_LKE, DEFAULT_SETTINGS, loadRules, ruleSetHash } from '@sakip/rules';
import {
  DEFAULT_RULES_DIR,
  Evaluator,
  GENERATED_EVALUATION,
  openInfrastructure,
  settingsFromEnv,
} from '@sakip/application';

/**
 * The evaluation phase in a process of its own, so that its peak RSS is its own: evaluates every
 * organisation of the store (streaming one organisation at a time) and stores the batch.
 */
async function main(): Promise<void> {
  const infra = await openInfrastructure(settingsFromEnv(process.env), { applicationName: 'sakip-bench' });
  try {
    await infra.projector.catchUp();
    const { rules } = await loadRules(DEFAULT_RULES_DIR);
    const started = performance.now();
    const evaluator = new Evaluator(infra.store, infra.readModels, infra.projector);
    const { batch, findings } = await evaluator.run(
      { version: 0, hash: ruleSetHash(rules), rules },
      { ...GENERATED_EVALUATION, settings: DEFAULT_SETTINGS, lke: DEFAULT_LKE },
      { actor: { id: 'bench', kind: 'system' }, now: new Date().toISOString(), correlationId: 'bench' },
    );
    const ms = performance.now() - started;
    const summary = batch.summary as { evaluations: number };
    process.stdout.write(
      `${JSON.stringify({ ms, findings: findings.length, evaluations: summary.evaluations, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    );
  } finally {
    await infra.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
