import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Application, Caller, Clock, HttpDoor, Settings } from '@sakip/application';
import type { Actor } from '@sakip/domain';
import type { Output } from './output';

/** What every command gets: where to write, the settings, a clock, and a way to open the application. */
export interface CliContext {
  readonly out: Output;
  readonly settings: Settings;
  readonly clock: Clock;
  /** The person at the terminal. The CLI works on the store directly, so it is trusted like a database user. */
  readonly actor: Actor;
  readonly cwd: string;
  openApplication(): Promise<Application>;
  /** The HTTP API, loaded only by the commands that serve it or describe it (serve, quickstart, openapi). */
  httpDoor(): Promise<HttpDoor>;
}

export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No user database entry (some containers): keep "unknown".
  }
  return { id: `cli:${name}`, kind: 'cli', name };
}

/** The caller of one command at the terminal: no API key, so no scope to check. */
export function cliCaller(context: CliContext): Caller {
  return { actor: context.actor, correlationId: randomUUID() };
}

export function defaultOpen(settings: Settings, clock: Clock): () => Promise<Application> {
  // The application (stores, read models, evaluations) is loaded by the first command that opens it.
  return async () =>
    (await import('@sakip/application')).openApplication(settings, { clock, applicationName: 'sakip-cli' });
}

/** Opens the application, runs `work`, and always closes it again. */
export async function withApplication<T>(
  context: CliContext,
  work: (app: Application) => Promise<T>,
): Promise<T> {
  const app = await context.openApplication();
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
