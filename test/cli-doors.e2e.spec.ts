import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, startSakip, tempDataDir } from './support/cli';

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

  it('serves the API with "sakip serve" and stops on SIGTERM', async () => {
    const { dir, cleanup } = tempDataDir();
    const port = await freePort();
    const server = startSakip(['serve'], { SAKIP_DATA_DIR: dir, PORT: String(port) }, 'OpenAPI docs');
    try {
      await server.ready;
      const health = await fetch(`http://localhost:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
    } finally {
      const stopped = await server.stop();
      cleanup();
      expect(stopped.stdout).toContain('Stopping');
      expect(stopped.code).toBe(0);
    }
  }, 60_000);
});
