import { setFlagsFromString } from 'node:v8';
import type { HttpDoor } from '@sakip/application';
import { invokedCommand, runCli } from './program';

/**
 * Commands that serve, follow the log or work through a whole store: the embedded database's WebAssembly
 * earns V8's optimising compiler there. Every other command opens the store, reads or writes a little and
 * exits; for them that compiler costs more than it saves (docs/adr/0015-short-commands-baseline-wasm.md).
 */
export const LONG_RUNNING_COMMANDS: ReadonlySet<string> = new Set([
  'serve',
  'quickstart',
  'relay',
  'project',
  'evaluate',
  'import',
  'generate',
]);

/**
 * The `sakip` process. bin/sakip.js calls it with a loader of the HTTP API (apps/api's door): apps never
 * import apps, and commands other than serve, quickstart and openapi never load Nest.
 */
export function main(loadHttpDoor: () => Promise<HttpDoor>): void {
  const argv = process.argv.slice(2);
  // Before PGlite compiles its WebAssembly (when a command opens the store): baseline code only.
  if (!LONG_RUNNING_COMMANDS.has(invokedCommand(argv) ?? '')) setFlagsFromString('--liftoff-only');
  // `sakip … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

  runCli(argv, {
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
