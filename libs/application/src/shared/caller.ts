import type { Actor } from '@sakip/domain';
import type { CommandContext } from '../pipeline/command-pipeline';
import type { Clock } from './clock';
import { actorOf, type Principal } from './principal';

/**
 * Who asks, as both front doors know it. The actor goes on every event. An API key's principal limits
 * what may be written (roles, organisations); the CLI has none: it is trusted like a database user.
 */
export interface Caller {
  readonly actor: Actor;
  readonly principal?: Principal;
  readonly correlationId: string;
  /** An HTTP retry with the same Idempotency-Key answers the first result instead of acting twice. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

/** The caller behind an API key: the actor is always the key, never the request body. */
export function keyCaller(
  principal: Principal,
  correlationId: string,
  idempotency?: Caller['idempotency'],
): Caller {
  return { actor: actorOf(principal), principal, correlationId, ...(idempotency ? { idempotency } : {}) };
}

/** What the command pipeline needs of a caller, now. */
export function commandContext(caller: Caller, clock: Clock, expectedVersion?: number): CommandContext {
  return {
    actor: caller.actor,
    now: clock.now().toISOString(),
    correlationId: caller.correlationId,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    ...(caller.idempotency ? { idempotency: caller.idempotency } : {}),
  };
}
