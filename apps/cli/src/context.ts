import { userInfo } from 'node:os';
import type { Actor } from '@sakip/domain';
import {
  openInfrastructure,
  type Clock,
  type HttpDoor,
  type Infrastructure,
  type Settings,
} from '@sakip/application';
import type { Output } from './output';

/** What every command gets: where to write, the settings, a clock, and a way to open the store. */
export interface CliContext {
  readonly out: Output;
  readonly settings: Settings;
  readonly clock: Clock;
  /** The person at the terminal. The CLI works on the store directly, so it is trusted like a database user. */
  readonly actor: Actor;
  readonly cwd: string;
  openInfrastructure(): Promise<Infrastructure>;
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

export function defaultOpen(settings: Settings): () => Promise<Infrastructure> {
  return () => openInfrastructure(settings, { applicationName: 'sakip-cli' });
}

/** Opens the store, runs `work`, and always closes it again. */
export async function withInfrastructure<T>(
  context: CliContext,
  work: (infra: Infrastructure) => Promise<T>,
): Promise<T> {
  const infra = await context.openInfrastructure();
  try {
    return await work(infra);
  } finally {
    await infra.close();
  }
}
