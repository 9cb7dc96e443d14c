import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { START } from '@sakip/event-store';
import { factsProjection, planTreeProjection, ProjectorRunner, ReadModelCatalog } from '@sakip/read-models';
import { DEFAULT_LKE, DEFAULT_SETTINGS, PREPARED_FORMAT } from '@sakip/rules';
import {
  BundleImporter,
  CommandPipeline,
  DEFAULT_RULES_DIR,
  Evaluator,
  generateBundles,
  GENERATED_EVALUATION,
  openInfrastructure,
  RuleSets,
  settingsFromEnv,
  SplitEvaluation,
  type EvaluationPart,
  type EvaluationPlan,
  type Infrastructure,
} from '@sakip/application';
import { BENCH_DATABASE_URL } from './shared';

/**
 * `node dist/bench/evaluation-scale.js [--orgs 2000] [--workers 2]`: an evaluation batch on a generated
 * dataset of `--orgs` OPDs in PostgreSQL (generated and imported into schema `scale_<orgs>` once, reused
 * after), run, not extrapolated: a cold batch (facts read model rebuilt, so every organisation is prepared
 * in the batch's shards), then warm batches on prepared facts with `--workers` processes and with one.
 * Prints time per phase (wall and CPU), peak RSS per process, OPDs/s and the national (22 000 OPDs)
 * extrapolation. Every OPD is imported through the product unless `--generated` asks for SQL copies.
 */
export const NATIONAL_OPDS = 22_000;
const OPDS_PER_GOVERNMENT = 40;
const context = { actor: { id: 'bench', kind: 'system' as const }, correlationId: 'bench-scale' };
const log = (text: string) => process.stderr.write(`${text}\n`);
/** CPU time (user + system, ms) since `start` (or since the process started). */
const cpuMsSince = (start?: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

/**
 * With SCALE_READ_MODELS=batch, the runner of the two read models a batch reads (plan-tree: the
 * organisations; facts), so a batch can run while the other read models still catch up on a fresh copy.
 */
function projectorOf(infra: Infrastructure): ProjectorRunner {
  if (process.env['SCALE_READ_MODELS'] !== 'batch') return infra.projector;
  return new ProjectorRunner(
    new ReadModelCatalog(infra.db, infra.schema),
    infra.store,
    [planTreeProjection, factsProjection],
    {
      batchSize: 5000,
    },
  );
}

export interface ShardRun {
  readonly index: number;
  readonly ms: number;
  /** CPU time of the shard process (user + system), start-up included. */
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly phases: Record<string, number>;
  readonly sources: Record<string, number>;
}

export interface BatchRun {
  readonly label: string;
  readonly workers: number;
  readonly ms: number;
  readonly combineMs: number;
  /** CPU time of the parent while it combined and stored the batch. */
  readonly combineCpuMs: number;
  readonly organisations: number;
  readonly findings: number;
  readonly evaluations: number;
  readonly shards: readonly ShardRun[];
  readonly parentRssMb: number;
}

export interface ScaleResults {
  readonly opds: number;
  /** OPDs imported through the product (the rest are SQL copies of them under new ids). */
  readonly generated: number;
  /** Rows whose prepared facts were copied in SQL from the same generated OPD (SCALE_COPY_PREPARED). */
  readonly copiedPrepared: number;
  readonly events: number;
  readonly importMs: number | null;
  readonly projectionMs: number;
  readonly factsRebuildMs: number;
  readonly runs: readonly BatchRun[];
  readonly load: readonly number[];
  readonly identical: boolean;
}

/**
 * Fills the dataset up to `opds` organisations by copying the generated organisations' events in SQL under
 * new organisation ids ("c<k>-<id>"): every copy is an organisation of its own to the product (its own
 * partition, streams, read-model rows and prepared facts). Used where importing every OPD through the
 * product would take longer than the time at hand on a shared machine.
 */
async function cloneUpTo(infra: Infrastructure, schema: string, opds: number): Promise<number> {
  const events = `"${schema}".events`;
  const originals = (
    await infra.db.query<{ id: string }>(
      `SELECT DISTINCT partition_key AS id FROM ${events} WHERE partition_key IS NOT NULL AND partition_key NOT LIKE 'c%' ORDER BY 1`,
    )
  ).map((r) => r.id);
  const [row] = await infra.db.query<{ n: string }>(
    `SELECT count(DISTINCT partition_key)::text AS n FROM ${events} WHERE partition_key IS NOT NULL`,
  );
  let have = Number(row!.n);
  const started = performance.now();
  for (let k = 1; have < opds; k++) {
    const batch = originals.slice(0, opds - have).filter(() => true);
    const fresh = await infra.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${events} WHERE partition_key = ANY($1::text[])`,
      [batch.map((o) => `c${k}-${o}`)],
    );
    if (Number(fresh[0]!.n) === 0) {
      log(`  copying ${batch.length} OPDs as c${k}-…`);
      await infra.db.query(
        `INSERT INTO ${events} (event_id, stream_id, stream_version, partition_key, type, data, metadata, recorded_at)
         SELECT gen_random_uuid(),
                regexp_replace(stream_id, '^([a-z]+)-' || partition_key, '\\1-c${k}-' || partition_key),
                stream_version, 'c${k}-' || partition_key, type,
                replace(data::text, '"' || partition_key || '"', '"c${k}-' || partition_key || '"')::jsonb,
                metadata, recorded_at
         FROM ${events} WHERE partition_key = ANY($1::text[]) ORDER BY position`,
        [batch],
      );
    }
    have += batch.length;
  }
  return performance.now() - started;
}

async function ensureDataset(
  infra: Infrastructure,
  schema: string,
  opds: number,
  generated: number,
): Promise<number | null> {
  const known = new Set((await infra.readModels.planTree.organisations()).map((o) => o.organisationId));
  if (generated < opds && known.size >= generated) {
    await cloneUpTo(infra, schema, opds);
    return null;
  }
  const governments = Math.ceil(opds / OPDS_PER_GOVERNMENT);
  const wanted = Math.min(opds, generated);
  if (known.size >= wanted) return null;
  // Generated one at a time (2 000 bundles do not fit in memory at once) and imported through the product by
  // `concurrency` importers at a time (bundles of different organisations are independent).
  const bundles = generateBundles({ governments, opds: OPDS_PER_GOVERNMENT, seed: 1 });
  const concurrency = Number(process.env['SCALE_IMPORT_CONCURRENCY'] ?? '2');
  log(`generating and importing up to ${wanted - known.size} OPDs (of ${opds}), ${concurrency} at a time`);
  const importer = new BundleImporter(infra.store);
  const started = performance.now();
  let taken = 0;
  let imported = 0;
  const next = () => {
    while (taken < wanted) {
      const item = bundles.next();
      if (item.done) return undefined;
      taken++;
      if (!known.has(item.value.bundle.organisation.id)) return item.value.bundle;
    }
    return undefined;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let bundle = next(); bundle; bundle = next()) {
        const outcome = await importer.import(bundle, { ...context, now: new Date().toISOString() });
        if (!outcome.ok) throw new Error(`generated bundle rejected: ${JSON.stringify(outcome.problems[0])}`);
        if (++imported % 100 === 0) log(`  imported ${imported}`);
      }
    }),
  );
  const ms = performance.now() - started;
  if (generated < opds) await cloneUpTo(infra, schema, opds);
  return ms;
}

/**
 * SCALE_COPY_PREPARED=1: the facts rows of SQL copies take the prepared text of a prepared row of the same
 * generated OPD (its organisation id replaced) instead of being prepared: a shortcut for a shared machine
 * where preparing thousands of OPDs would not finish in time. The copies' evidence event ids are then
 * their original's; the batch's reading, parsing, finishing and rules are the same work.
 */
async function copyPrepared(infra: Infrastructure, format: number): Promise<number> {
  const table = await infra.readModels.catalog.tables(factsProjection);
  const t = table!.get('fact_sets')!;
  const base = (column: string) => `regexp_replace(${column}, '^c[0-9]+-', '')`;
  const rows = await infra.db.query<{ n: number }>(
    `WITH src AS (
       SELECT DISTINCT ON (${base('organisation_id')}) ${base('organisation_id')} AS base, organisation_id AS src_id, prepared
       FROM ${t} WHERE prepared IS NOT NULL AND prepared_format = $1
         AND (prepared_commit, prepared_sequence) = (position_commit, position_sequence)
       ORDER BY 1, 2),
     done AS (
       UPDATE ${t} AS d SET prepared = replace(src.prepared, '"' || src.src_id || '"', '"' || d.organisation_id || '"'),
              prepared_format = $1, prepared_commit = d.position_commit, prepared_sequence = d.position_sequence
       FROM src WHERE ${base('d.organisation_id')} = src.base
         AND (d.prepared IS NULL OR d.prepared_format IS DISTINCT FROM $1
              OR (d.prepared_commit, d.prepared_sequence) IS DISTINCT FROM (d.position_commit, d.position_sequence))
       RETURNING 1)
     SELECT count(*)::int AS n FROM done`,
    [format],
  );
  return Number(rows[0]!.n);
}

/** One batch: a plan, `workers` processes each evaluating a shard, the parts combined and stored. */
async function batch(
  infra: Infrastructure,
  split: SplitEvaluation,
  plan: EvaluationPlan,
  workers: number,
  label: string,
): Promise<BatchRun & { part: EvaluationPart[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'sakip-scale-'));
  try {
    const planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const started = performance.now();
    const shards = await Promise.all(
      Array.from(
        { length: workers },
        (_, i) =>
          new Promise<ShardRun & { part: EvaluationPart }>((done, fail) => {
            const out = join(dir, `part-${i}.json`);
            const child = spawn(process.execPath, [__filename, '--child', planFile, `${i}/${workers}`, out], {
              env: process.env,
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let stdout = '';
            child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
            child.on('exit', (code) => {
              if (code !== 0) return fail(new Error(`shard ${i}/${workers} failed (exit ${String(code)})`));
              const part = JSON.parse(readFileSync(out, 'utf8')) as EvaluationPart;
              const own = JSON.parse(stdout) as { ms: number; cpuMs: number; maxRssMb: number };
              done({
                index: i,
                ms: own.ms,
                cpuMs: own.cpuMs,
                maxRssMb: own.maxRssMb,
                phases: part.phases,
                sources: { ...part.outcome.sources },
                part,
              });
            });
          }),
      ),
    );
    const combineStarted = performance.now();
    const combineCpu = process.cpuUsage();
    const parts = shards.map((s) => s.part);
    const { findings, batch: recorded } = await split.combine(plan, parts, {
      ...context,
      now: new Date().toISOString(),
    });
    const ms = performance.now() - started;
    return {
      label,
      workers,
      ms,
      combineMs: performance.now() - combineStarted,
      combineCpuMs: cpuMsSince(combineCpu),
      organisations: plan.organisations.length,
      findings: findings.length,
      evaluations: (recorded.summary as { evaluations: number }).evaluations,
      shards: shards.map(({ part: _part, ...run }) => run),
      parentRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      part: parts,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the scale benchmark (the lead's bench/run.ts may call this). */
export async function evaluationAtScale(options: {
  opds: number;
  workers: number;
  databaseUrl?: string;
  /** Only generate, import and project the dataset. */
  importOnly?: boolean;
  /** Import this many generated OPDs through the product; copy them in SQL up to `opds`. */
  generated?: number;
  /** Only batches on prepared facts (no rebuild of the facts read model, no cold batch). */
  warmOnly?: boolean;
}): Promise<ScaleResults | undefined> {
  const schema = `scale_${options.opds}`;
  const env = { DATABASE_URL: options.databaseUrl ?? BENCH_DATABASE_URL, SAKIP_SCHEMA: schema };
  Object.assign(process.env, env);
  const infra = await openInfrastructure(settingsFromEnv(env), { applicationName: 'sakip-bench-scale' });
  try {
    const projector = projectorOf(infra);
    let started = performance.now();
    await projector.catchUp();
    const importMs = await ensureDataset(infra, schema, options.opds, options.generated ?? options.opds);
    log('projector catch-up');
    started = performance.now();
    await projector.catchUp();
    const projectionMs = performance.now() - started;
    const events = await infra.store.countAfter(START);
    let copiedPrepared = 0;
    if (process.env['SCALE_COPY_PREPARED'] === '1') {
      copiedPrepared = await copyPrepared(infra, PREPARED_FORMAT);
      log(`copied prepared facts to ${copiedPrepared} rows of SQL copies`);
    }
    if (options.importOnly) {
      log(
        `dataset: ${options.opds} OPDs, ${events} events; import ${importMs ?? 0} ms, projection ${projectionMs} ms`,
      );
      return undefined;
    }
    const ruleSets = new RuleSets(new CommandPipeline(infra.store));
    const ruleSet = await ruleSets.fromDirectory(DEFAULT_RULES_DIR, {
      ...context,
      now: new Date().toISOString(),
    });
    let factsRebuildMs = 0;
    if (!options.warmOnly) {
      log(
        'facts read model rebuilt (every organisation unprepared: a cold batch prepares them in its shards)',
      );
      started = performance.now();
      await projector.rebuild(['facts']);
      await projector.catchUp();
      factsRebuildMs = performance.now() - started;
    }
    const evaluator = new Evaluator(infra.store, infra.readModels, projector);
    const split = new SplitEvaluation(evaluator, ruleSets, infra.store);
    const request = {
      ...GENERATED_EVALUATION,
      settings: DEFAULT_SETTINGS,
      lke: DEFAULT_LKE,
      kinds: ['review', 'compliance'] as const,
    };
    await projector.catchUp();
    const plan = await split.plan(ruleSet, request);
    log(`plan: ${plan.organisations.length} OPDs as of ${plan.asOf}; ${events} events`);
    // Every batch is planned anew (a batch id is recorded once); the organisations' events stay the same.
    const again = async () => {
      await projector.catchUp();
      return split.plan(ruleSet, request);
    };
    const runs: (BatchRun & { part: EvaluationPart[] })[] = [];
    if (!options.warmOnly) {
      log(`cold batch, ${options.workers} workers`);
      runs.push(await batch(infra, split, plan, options.workers, 'cold: facts prepared in the batch'));
    }
    log(`warm batch, ${options.workers} workers`);
    runs.push(
      await batch(
        infra,
        split,
        options.warmOnly ? plan : await again(),
        options.workers,
        'warm: prepared facts',
      ),
    );
    if (options.workers !== 1) {
      log('warm batch, 1 worker');
      runs.push(await batch(infra, split, await again(), 1, 'warm: prepared facts'));
    }
    const findingsOf = (r: { part: EvaluationPart[] }) =>
      JSON.stringify(
        r.part
          .flatMap((p) => p.outcome.findings)
          .map((f) => `${f.ruleId}|${f.subject.organisationId}|${JSON.stringify(f.subject)}|${f.message.en}`)
          .sort(),
      );
    const identical = runs.every((r) => findingsOf(r) === findingsOf(runs[0]!));
    return {
      opds: plan.organisations.length,
      generated: Math.min(options.generated ?? options.opds, plan.organisations.length),
      copiedPrepared,
      events,
      importMs,
      projectionMs,
      factsRebuildMs,
      runs: runs.map(({ part: _part, ...run }) => run),
      load: loadavg(),
      identical,
    };
  } finally {
    await infra.close();
  }
}

const s = (ms: number) => (ms / 1000).toFixed(1);

/** The BENCHMARKS.md section of a run. */
export function scaleSection(r: ScaleResults): string {
  const warm = r.runs.filter((x) => x.label.startsWith('warm'));
  const best = warm.reduce((a, b) => (b.ms < a.ms ? b : a));
  const national = (ms: number) => (ms * NATIONAL_OPDS) / r.opds;
  const lines = [
    `| batch | workers | wall time | OPDs/s | national (× ${(NATIONAL_OPDS / r.opds).toFixed(1)}) | goal ≤ 60 s: ratio | peak RSS per process | findings |`,
    '|---|---|---|---|---|---|---|---|',
    ...r.runs.map(
      (x) =>
        `| ${x.label} | ${x.workers} | ${s(x.ms)} s | ${Math.round((x.organisations / x.ms) * 1000)} | ${s(national(x.ms))} s | ${(national(x.ms) / 60_000).toFixed(2)} | ${x.shards.map((sh) => `${sh.maxRssMb} MB`).join(', ')} (parent ${x.parentRssMb} MB) | ${x.findings.toLocaleString('en-US')} |`,
    ),
    '',
    'Time per phase, summed over each shard process (ms; the shards run at the same time):',
    '',
    '| batch | workers | phase | wall ms (shard 0, shard 1, …) | CPU ms (shard 0, shard 1, …) | per OPD: wall, CPU (ms, all shards) |',
    '|---|---|---|---|---|---|',
  ];
  const perOpd = (ms: number, x: BatchRun) => (ms / x.organisations).toFixed(2);
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  for (const x of r.runs) {
    const names = [
      ...new Set(x.shards.flatMap((sh) => Object.keys(sh.phases).filter((n) => !n.startsWith('cpu: ')))),
    ];
    for (const name of names) {
      const wall = x.shards.map((sh) => sh.phases[name] ?? 0);
      const cpu = x.shards.map((sh) => sh.phases[`cpu: ${name}`] ?? 0);
      lines.push(
        `| ${x.label} | ${x.workers} | ${name} | ${wall.map(Math.round).join(', ')} | ${cpu.map(Math.round).join(', ')} | ${perOpd(sum(wall), x)}, ${perOpd(sum(cpu), x)} |`,
      );
    }
    const cpu = x.shards.map((sh) => sh.cpuMs);
    lines.push(
      `| ${x.label} | ${x.workers} | whole shard process (wall from opening the store; CPU from the process start) | ${x.shards.map((sh) => Math.round(sh.ms)).join(', ')} | ${cpu.map(Math.round).join(', ')} | ${perOpd(sum(x.shards.map((sh) => sh.ms)), x)}, ${perOpd(sum(cpu), x)} |`,
      `| ${x.label} | ${x.workers} | combine and store the batch (parent) | ${Math.round(x.combineMs)} | ${Math.round(x.combineCpuMs)} | ${perOpd(x.combineMs, x)}, ${perOpd(x.combineCpuMs, x)} |`,
    );
  }
  lines.push(
    '',
    `Best warm batch: ${s(best.ms)} s for ${r.opds} OPDs → ${s(national(best.ms))} s for ${NATIONAL_OPDS.toLocaleString('en-US')} OPDs (linear). ` +
      `Findings identical across the runs (${r.runs.map((x) => `${x.label.split(':')[0]} × ${x.workers}`).join(', ')}): ${r.identical ? 'yes' : '**no**'}. ` +
      `Load average at the end: ${r.load.map((l) => l.toFixed(2)).join(' / ')}.`,
  );
  return lines.join('\n');
}

async function child(planFile: string, shard: string, out: string): Promise<void> {
  const started = performance.now();
  const infra = await openInfrastructure(settingsFromEnv(process.env), {
    applicationName: 'sakip-bench-shard',
  });
  try {
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as EvaluationPlan;
    const [index, count] = shard.split('/').map(Number) as [number, number];
    const evaluator = new Evaluator(infra.store, infra.readModels, projectorOf(infra));
    const split = new SplitEvaluation(evaluator, new RuleSets(new CommandPipeline(infra.store)), infra.store);
    const part = await split.shard(plan, index, count);
    writeFileSync(out, JSON.stringify(part));
    process.stdout.write(
      JSON.stringify({
        ms: performance.now() - started,
        cpuMs: cpuMsSince(),
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await infra.close();
  }
}

/**
 * `--prepare i/n`: prepares the facts read model's stale rows (those whose organisation id hashes to i of n)
 * until none is left and the projector has caught up; prints OPDs prepared, time and phases (JSON).
 */
async function prepareLoop(shard: string): Promise<void> {
  const [index, count] = shard.split('/').map(Number) as [number, number];
  const infra = await openInfrastructure(settingsFromEnv(process.env), {
    applicationName: 'sakip-bench-prepare',
  });
  try {
    const evaluator = new Evaluator(infra.store, infra.readModels, infra.projector);
    const hash = (id: string) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    const phases: Record<string, number> = {};
    let prepared = 0;
    let busyMs = 0;
    for (;;) {
      const started = performance.now();
      const n = await evaluator.prepared.refresh({ phases, only: (id) => hash(id) % count === index });
      busyMs += performance.now() - started;
      prepared += n;
      if (n > 0) log(`  prepare ${shard}: ${prepared} OPDs in ${(busyMs / 1000).toFixed(0)} s busy`);
      const head = await infra.store.headPosition();
      if (n === 0 && (await projectorOf(infra).reached(head))) break;
      if (n === 0) await new Promise((resolve) => setTimeout(resolve, 5000));
    }
    process.stdout.write(
      JSON.stringify({
        shard,
        prepared,
        busyMs,
        phases,
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }) + '\n',
    );
  } finally {
    await infra.close();
  }
}

async function main(): Promise<void> {
  const prepareAt = process.argv.indexOf('--prepare');
  if (prepareAt >= 0) return prepareLoop(process.argv[prepareAt + 1]!);
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const [planFile, shard, out] = process.argv.slice(childAt + 1);
    return child(planFile!, shard!, out!);
  }
  const o = new Command()
    .option('--orgs <n>', 'OPDs in the generated dataset', '2000')
    .option('--workers <n>', 'worker processes', '2')
    .option('--import-only', 'only generate, import and project the dataset')
    .option(
      '--generated <n>',
      'import this many generated OPDs, copy them in SQL up to --orgs (default: every OPD is imported through the product; SCALE_IMPORT_CONCURRENCY importers at a time, 2)',
    )
    .option('--warm-only', 'only batches on prepared facts (no facts rebuild, no cold batch)')
    .parse()
    .opts<{ orgs: string; workers: string; importOnly?: boolean; generated?: string; warmOnly?: boolean }>();
  const results = await evaluationAtScale({
    ...(o.generated ? { generated: Number(o.generated) } : {}),
    opds: Number(o.orgs),
    workers: Number(o.workers),
    ...(o.importOnly ? { importOnly: true } : {}),
    ...(o.warmOnly ? { warmOnly: true } : {}),
  });
  if (!results) return;
  process.stdout.write(`${JSON.stringify(results, null, 1)}\n\n${scaleSection(results)}\n`);
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
