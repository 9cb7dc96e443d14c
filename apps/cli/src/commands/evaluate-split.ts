import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  errors,
  packageRoot,
  parseShard,
  type Application,
  type EvaluationPart,
  type EvaluationPlan,
} from '@sakip/application';
import type { CliContext } from '../context';

/** A split batch needs a store several processes can open at once. */
export function requireSharedStore(context: CliContext): void {
  if (!context.settings.databaseUrl) throw errors.evaluationNeedsSharedStore();
}

export async function readPlan(context: CliContext, file: string): Promise<EvaluationPlan> {
  return JSON.parse(await readFile(resolve(context.cwd, file), 'utf8')) as EvaluationPlan;
}

/** `--plan <file> --shard i/n --part-out <file>`: evaluates one slice of the plan and writes its part. */
export async function evaluateShard(
  context: CliContext,
  app: Application,
  options: { plan: string; shard: string; partOut?: string },
): Promise<void> {
  const { index, count } = parseShard(options.shard);
  if (!options.partOut) throw new Error('--shard needs --part-out <file> (where its part of the batch goes)');
  const plan = await readPlan(context, options.plan);
  const started = Date.now();
  const part = await app.evaluations.split.shard(plan, index, count);
  await writeFile(resolve(context.cwd, options.partOut), JSON.stringify(part));
  const seconds = context.out.number((Date.now() - started) / 1000, 1);
  context.out.say({
    id: `Bagian ${index}/${count} dari evaluasi ${plan.batchId}: ${part.outcome.summaries.length} perangkat daerah, ${part.outcome.findings.length} temuan dalam ${seconds} detik; ditulis ke ${options.partOut}.`,
    en: `Shard ${index}/${count} of evaluation ${plan.batchId}: ${part.outcome.summaries.length} organisations, ${part.outcome.findings.length} findings in ${seconds} s; written to ${options.partOut}.`,
  });
}

export async function readParts(context: CliContext, files: readonly string[]): Promise<EvaluationPart[]> {
  return Promise.all(
    files.map(async (f) => JSON.parse(await readFile(resolve(context.cwd, f), 'utf8')) as EvaluationPart),
  );
}

/**
 * `--workers n` on one machine: the plan is written to a temporary folder, n processes of this same CLI
 * each evaluate one shard (`--plan … --shard i/n --part-out …`, exactly as on several machines), and the
 * parts are read back for `combine`.
 */
export async function runWorkers(
  context: CliContext,
  plan: EvaluationPlan,
  workers: number,
): Promise<EvaluationPart[]> {
  const dir = await mkdtemp(join(tmpdir(), 'sakip-evaluate-'));
  try {
    const planFile = join(dir, 'plan.json');
    await writeFile(planFile, JSON.stringify(plan));
    const cli = join(packageRoot(), 'bin', 'sakip.js');
    const env = {
      ...process.env,
      DATABASE_URL: context.settings.databaseUrl,
      SAKIP_SCHEMA: context.settings.schema,
      SAKIP_LANG: context.out.language,
    };
    const files = Array.from({ length: workers }, (_, i) => join(dir, `part-${i}.json`));
    await Promise.all(
      files.map(
        (file, i) =>
          new Promise<void>((done, fail) => {
            const child = spawn(
              process.execPath,
              [cli, 'evaluate', '--plan', planFile, '--shard', `${i}/${workers}`, '--part-out', file],
              { env, stdio: ['ignore', 'ignore', 'pipe'] },
            );
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
            child.on('error', fail);
            child.on('exit', (code) =>
              code === 0
                ? done()
                : fail(new Error(`worker ${i}/${workers} stopped (exit ${String(code)}): ${stderr.trim()}`)),
            );
          }),
      ),
    );
    return await readParts(context, files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
