import type { HttpDoor } from '@sakip/application';
import { runCli } from './program';

/**
 * The `sakip` process. bin/sakip.js calls it with a loader of the HTTP API (apps/api's door): apps never
 * import apps, and commands other than serve, quickstart and openapi never load Nest.
 */
export function main(loadHttpDoor: () => Promise<HttpDoor>): void {
  // `sakip … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

  runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    loadHttpDoor,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
