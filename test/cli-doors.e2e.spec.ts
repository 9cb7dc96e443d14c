import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { ROOT, sakip, startSakip, tempDataDir } from './support/cli';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** The two front doors: the CLI works without Nest, and `sakip serve` starts the API through bin/sakip.js. */
describe('the sakip command and the HTTP API', () => {
  it('runs a command without loading Nest', () => {
    const program = join(ROOT, 'dist', 'apps', 'cli', 'src', 'program.js');
    const script = `
      const { runCli } = require(${JSON.stringify(program)});
      const sink = { write: () => true };
      runCli(['--help'], { stdout: sink, stderr: sink, env: {}, cwd: process.cwd() }).then((code) => {
        const nest = Object.keys(require.cache).filter((file) => file.includes('/node_modules/@nestjs/'));
        process.stdout.write(JSON.stringify({ code, nest: nest.length }));
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ code: 0, nest: 0 });
  });

  it('answers --help and reviews a bundle without loading Nest, the spreadsheet library, the store drivers or gRPC', () => {
    const program = join(ROOT, 'dist', 'apps', 'cli', 'src', 'program.js');
    const sample = join(ROOT, 'fixtures', 'karanganyar-renstra-2024-2026.json');
    const heavy = ['@nestjs/', 'exceljs', '@electric-sql/pglite', '/pg/', '@eventstore/', 'kafkajs'];
    const loadedBy = (argv: string[], watched = heavy) => {
      const script = `
        const { runCli } = require(${JSON.stringify(program)});
        const sink = { write: () => true };
        runCli(${JSON.stringify(argv)}, { stdout: sink, stderr: sink, env: {}, cwd: process.cwd() }).then((code) => {
          const files = Object.keys(require.cache).filter((file) => file.includes('/node_modules/'));
          const heavy = ${JSON.stringify(watched)}.filter((name) => files.some((file) => file.includes('/node_modules/' + name.replace(/^\\//, ''))));
          process.stdout.write(JSON.stringify({ code, heavy }));
        });`;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as { code: number; heavy: string[] };
    };
    // --help checks nothing either: no JSON Schema validator (compiled and loaded on first use).
    expect(loadedBy(['--help'], [...heavy, 'ajv/', 'ajv-formats/'])).toEqual({ code: 0, heavy: [] });
    expect(loadedBy(['review', sample])).toEqual({ code: 0, heavy: [] });
  });

  it('opens the application without loading the spreadsheet library (only workbook writers load it)', () => {
    const application = join(ROOT, 'dist', 'libs', 'application', 'src', 'index.js');
    const script = `
      const { openApplication } = require(${JSON.stringify(application)});
      const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/'));
      process.stdout.write(JSON.stringify({ open: typeof openApplication, exceljs: loaded('exceljs') }));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ open: 'function', exceljs: false });
  });

  it('lists evaluate in --help with the summary its own module registers (it is loaded only when it runs)', () => {
    const program = join(ROOT, 'dist', 'apps', 'cli', 'src', 'program.js');
    const script = `
      const { buildProgram } = require(${JSON.stringify(program)});
      const sink = { write: () => true };
      const context = { out: { stdout: sink, stderr: sink }, settings: {}, clock: {}, actor: {}, cwd: process.cwd(),
        openApplication: () => Promise.reject(new Error('not here')), httpDoor: () => Promise.reject(new Error('not here')) };
      const summary = async (argv) => {
        const command = (await buildProgram(context, argv)).commands.find((c) => c.name() === 'evaluate');
        return { description: command.description(), options: command.options.length };
      };
      Promise.all([summary(['--help']), summary(['evaluate'])]).then(([listed, real]) =>
        process.stdout.write(JSON.stringify({ listed, real })));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { listed, real } = JSON.parse(run.stdout) as {
      listed: { description: string; options: number };
      real: { description: string; options: number };
    };
    expect(listed.description).toBe(real.description);
    expect(listed.options).toBe(0);
    expect(real.options).toBeGreaterThan(0);
  });

  it("returns a failed command's exit code without changing the exit code of the process it runs in", () => {
    const program = join(ROOT, 'dist', 'apps', 'cli', 'src', 'program.js');
    const script = `
      const { runCli } = require(${JSON.stringify(program)});
      const sink = { write: () => true };
      runCli(['review', '/no/such/bundle.json'], { stdout: sink, stderr: sink, env: {}, cwd: process.cwd() })
        .then((code) => process.stdout.write(JSON.stringify({ code, host: process.exitCode ?? null })));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual({ code: 1, host: null });
    expect(run.status).toBe(0);
  });

  it('serves the API with "sakip serve" on 127.0.0.1, replaces a lost key while it runs, and stops on SIGTERM', async () => {
    const { dir, cleanup } = tempDataDir();
    const port = await freePort();
    const env = { SAKIP_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '' };
    const server = startSakip(['serve'], env, 'OpenAPI docs');
    try {
      const started = await server.ready;
      expect(started).toContain(`API listening on http://127.0.0.1:${port}`);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      // The embedded store is the server's; a new admin key still comes, through the server.
      const issued = await sakip(['keys', 'create', '--role', 'admin', '--label', 'pengganti'], env);
      expect(issued.stderr).toContain(`issued through the server running at http://127.0.0.1:${port}`);
      expect(issued.code).toBe(0);
      const token = /sakip_[0-9a-f]{12}_[\w-]{43}/.exec(issued.stdout)?.[0];
      expect(token).toBeDefined();
      const read = await fetch(`http://127.0.0.1:${port}/keys`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.status).toBe(200);
      expect(JSON.stringify(await read.json())).toContain('pengganti');
    } finally {
      const stopped = await server.stop();
      expect(existsSync(join(dir, 'operator.json'))).toBe(false);
      cleanup();
      expect(stopped.stdout).toContain('Stopping');
      expect(stopped.code).toBe(0);
    }
  }, 90_000);
});

describe('npm start (sakip quickstart), twice', () => {
  it('shows the key once, and the second time says how to get another instead of "the key above"', async () => {
    const { dir, cleanup } = tempDataDir();
    const env = { SAKIP_DATA_DIR: dir, DATABASE_URL: '' };
    try {
      const first = await sakip(['quickstart', '--no-serve'], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/sakip_[0-9a-f]{12}_/);
      expect(first.stdout).toContain('Try (with the key above):');
      expect(first.stdout).toMatch(
        /Web application: run \.\/sakip serve, then open http:\/\/[\w.]+:\d+ in a browser/,
      );
      const second = await sakip(['quickstart', '--no-serve'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).not.toMatch(/sakip_[0-9a-f]{12}_/);
      expect(second.stdout).not.toContain('the key above');
      expect(second.stdout).toContain('Try (with your admin key):');
      expect(second.stdout).toContain('./sakip keys create --role admin (also while this server runs)');
    } finally {
      cleanup();
    }
  }, 90_000);
});
