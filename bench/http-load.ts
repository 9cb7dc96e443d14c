import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  generateBundles,
  openApplication,
  packageRoot,
  readJsonFile,
  settingsFromEnv,
} from '@sakip/application';

/**
 * The HTTP API under load, on both stores: `sakip serve` in a process of its own on 127.0.0.1 (never another
 * address), the Karanganyar sample imported, then autocannon for a bounded time — reads of one indicator,
 * and writes (target revisions round-robin over the sample's indicators, each with the version last seen).
 */

export interface LoadFigures {
  readonly store: 'PGlite' | 'PostgreSQL';
  readonly readsPerSecond: number;
  readonly readP99Ms: number;
  readonly writesPerSecond: number;
  readonly writeP99Ms: number;
  /** Answers other than 2xx (a write losing a race is a 409 and counted here) and socket errors. */
  readonly readErrors: number;
  readonly writeErrors: number;
}

export interface LoadOptions {
  readonly seconds: number;
  readonly connections: number;
  readonly databaseUrl: string;
}

const SAMPLE = join(packageRoot(), 'fixtures', 'karanganyar-renstra-2024-2026.json');
const ORG = 'dinsos-karanganyar';
const BIN = join(packageRoot(), 'bin', 'sakip.js');
const log = (text: string) => process.stderr.write(`${text}\n`);

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Imports the sample and issues an admin key on the store the server will use; returns the key and indicators. */
async function prepare(env: NodeJS.ProcessEnv): Promise<{ key: string; indicators: string[] }> {
  const app = await openApplication(settingsFromEnv(env), { applicationName: 'sakip-bench' });
  try {
    const caller = { actor: { id: 'bench', kind: 'system' as const }, correlationId: 'bench-http' };
    const sample = await readJsonFile(SAMPLE);
    if (!sample.ok) throw new Error('the sample bundle cannot be read');
    await app.bundles.import(sample.value, caller);
    const issued = await app.keys.issue({ role: 'admin', label: 'bench' }, caller);
    const bundle = JSON.parse(readFileSync(SAMPLE, 'utf8')) as {
      indicators: { id: string; role?: string }[];
    };
    return {
      key: issued.token,
      indicators: bundle.indicators.filter((i) => (i.role ?? 'plan') === 'plan').map((i) => i.id),
    };
  } finally {
    await app.close();
  }
}

/** Starts `sakip serve` on 127.0.0.1:port and resolves once it listens (the web bench starts it this way too). */
export function serve(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes('OpenAPI docs')) return;
      // From here on the access log is read and dropped (a full pipe would stall the server).
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve(child);
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`sakip serve exited (${code}) before listening`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const p99 = (result: autocannon.Result) => result.latency.p99;
const errorsOf = (result: autocannon.Result) => result.non2xx + result.errors + result.timeouts;

async function measure(
  store: LoadFigures['store'],
  env: NodeJS.ProcessEnv,
  options: LoadOptions,
): Promise<LoadFigures> {
  const { key, indicators } = await prepare(env);
  const port = await freePort();
  const server = await serve(env, port);
  const url = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  try {
    // The projector inside the server catches up with the import first: measure from the first 200 on.
    for (let tries = 0; ; tries++) {
      const ready = await fetch(`${url}/indicators/${ORG}:${indicators[0]}`, { headers });
      if (ready.status === 200) break;
      if (tries > 600) throw new Error(`the read models did not catch up: ${ready.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    log(`   ${store}: reads for ${options.seconds} s`);
    const reads = await autocannon({
      url: `${url}/indicators/${ORG}:${indicators[0]}`,
      headers,
      connections: options.connections,
      duration: options.seconds,
    });
    log(`   ${store}: writes for ${options.seconds} s`);
    let next = 0;
    const versions = new Map<string, number>();
    const writes = await autocannon({
      url,
      headers,
      connections: options.connections,
      duration: options.seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (request, context: { indicator?: string; n?: number }) => {
            context.indicator ??= indicators[next++ % indicators.length]!;
            context.n = (context.n ?? 0) + 1;
            return {
              ...request,
              path: `/indicators/${ORG}:${context.indicator}/target-revisions`,
              body: JSON.stringify({
                expectedVersion: versions.get(context.indicator) ?? 0,
                year: 2025,
                value: `${80 + (context.n % 20)},5`,
                reason: 'uji beban',
                legalBasis: 'Perbup 1/2025',
                effectiveOn: '2025-07-01',
              }),
            };
          },
          onResponse: (status, body, context: { indicator?: string }) => {
            // The first write on an indicator learns its version from the 409 (or the 201) and goes on from there.
            const answer = JSON.parse(body) as { version?: number; currentVersion?: number };
            const version = status === 201 ? answer.version : answer.currentVersion;
            if (context.indicator && typeof version === 'number') versions.set(context.indicator, version);
          },
        },
      ],
    });
    log(`   ${store}: answers to writes by status ${JSON.stringify(writes.statusCodeStats)}`);
    return {
      store,
      readsPerSecond: Math.round(reads.requests.average),
      readP99Ms: p99(reads),
      writesPerSecond: Math.round(writes.requests.average - writes.non2xx / options.seconds),
      writeP99Ms: p99(writes),
      readErrors: errorsOf(reads),
      writeErrors: errorsOf(writes),
    };
  } finally {
    await stop(server);
  }
}

export interface LargeImportFigures {
  readonly bundleMb: number;
  /** Items the import stored (indicators, nodes, budgets…). */
  readonly stored: number;
  readonly importMs: number;
  readonly status: number;
  readonly healthChecks: number;
  readonly healthP50Ms: number;
  readonly healthP99Ms: number;
  readonly healthMaxMs: number;
  readonly rssBeforeMb: number;
  readonly rssPeakMb: number;
  readonly rssAfterMb: number;
}

/** Resident and peak memory of a process, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * One large bundle POSTed to `sakip serve` on the embedded store (PGlite runs in the server's own thread),
 * while GET /health is asked every 25 ms: how long the import takes, how long /health waits meanwhile,
 * and the server's memory before, at its peak and 10 s after.
 */
export async function largeImport(shape: {
  programs: number;
  kegiatan: number;
  subkegiatan: number;
}): Promise<LargeImportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'sakip-bench-large-'));
  const env = { ...process.env, DATABASE_URL: '', SAKIP_DATA_DIR: dir };
  try {
    const { key } = await prepare(env);
    const [generated] = [...generateBundles({ governments: 1, opds: 1, seed: 11, shape })];
    const body = JSON.stringify(generated!.bundle);
    const port = await freePort();
    const server = await serve(env, port);
    const url = `http://127.0.0.1:${port}`;
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the server's own start-up settles
      const before = memoryOf(server.pid!);
      const latencies: number[] = [];
      let importing = true;
      const probe = (async () => {
        while (importing) {
          const started = performance.now();
          await fetch(`${url}/health`).then((r) => r.arrayBuffer());
          latencies.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      const started = performance.now();
      const answer = await fetch(`${url}/bundles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      });
      const summary = (await answer.json()) as { stored?: Record<string, number> };
      const importMs = performance.now() - started;
      importing = false;
      await probe;
      const peak = memoryOf(server.pid!).peak;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const after = memoryOf(server.pid!);
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
      return {
        bundleMb: Math.round((Buffer.byteLength(body) / 2 ** 20) * 10) / 10,
        stored: Object.values(summary.stored ?? {}).reduce((n, v) => n + (typeof v === 'number' ? v : 0), 0),
        importMs: Math.round(importMs),
        status: answer.status,
        healthChecks: latencies.length,
        healthP50Ms: at(0.5),
        healthP99Ms: at(0.99),
        healthMaxMs: Math.round(sorted[sorted.length - 1] ?? 0),
        rssBeforeMb: before.rss,
        rssPeakMb: peak,
        rssAfterMb: after.rss,
      };
    } finally {
      await stop(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both stores, one after the other (PostgreSQL in a schema of its own, dropped afterwards). */
export async function httpLoad(options: LoadOptions): Promise<LoadFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sakip-bench-http-'));
  const schema = `bench_http_${Date.now()}`;
  try {
    const pglite = await measure(
      'PGlite',
      { ...process.env, DATABASE_URL: '', SAKIP_DATA_DIR: dir },
      options,
    );
    const pgEnv = { ...process.env, DATABASE_URL: options.databaseUrl, SAKIP_SCHEMA: schema };
    let postgres: LoadFigures;
    try {
      postgres = await measure('PostgreSQL', pgEnv, options);
    } finally {
      const app = await openApplication(settingsFromEnv(pgEnv), { applicationName: 'sakip-bench' });
      await app.infrastructure.db
        .exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_read" CASCADE;`)
        .catch(() => undefined);
      await app.close();
    }
    return [pglite, postgres];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The BENCHMARKS.md section of these figures. */
export function httpLoadSection(figures: readonly LoadFigures[], options: LoadOptions): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return `## HTTP API under load (${options.connections} connections, ${options.seconds} s each, 127.0.0.1)

| store | reads/s | read p99 | writes/s (201 only) | write p99 | non-2xx or errors (reads / writes) |
|---|---|---|---|---|---|
${figures
  .map(
    (f) =>
      `| ${f.store} | ${n(f.readsPerSecond)} | ${f.readP99Ms} ms | ${n(f.writesPerSecond)} | ${f.writeP99Ms} ms | ${n(f.readErrors)} / ${n(f.writeErrors)} |`,
  )
  .join('\n')}

Reads: \`GET /indicators/${ORG}:<indicator>\` (every period, achievement computed). Writes: \`POST
/indicators/…/target-revisions\`, round-robin over the sample's plan indicators, each with the version last
seen for its indicator: the first write on each indicator learns the version from its 409, and a write that
loses a race is a 409 too; 409s are not counted as writes. \`sakip serve\` runs in a process of its own with
its access log on; the load generator (autocannon) shares the 2 cores with it (and with whatever else runs).
`;
}

/** BENCHMARKS.md with this section put in (replacing an earlier one): the other figures stay as measured. */
export function withHttpLoadSection(markdown: string, section: string): string {
  const start = markdown.indexOf('## HTTP API under load');
  if (start === -1) return `${markdown.trimEnd()}\n\n${section}`;
  const next = markdown.indexOf('\n## ', start + 1);
  return `${markdown.slice(0, start)}${section}${next === -1 ? '' : markdown.slice(next)}`;
}
