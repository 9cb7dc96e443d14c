import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { actorOf, type ChangeContext, type Principal } from '@sakip/application';

/** What every command handler gets from the HTTP request: who, when, correlation, idempotency. */
export interface RequestContext {
  readonly principal: Principal;
  readonly correlationId: string;
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

export type AuthenticatedRequest = Request & { principal?: Principal; correlationId?: string };

/** Sets req.correlationId from X-Correlation-Id (or a new one) and echoes it back. */
export function correlationMiddleware(
  request: AuthenticatedRequest,
  response: { setHeader(name: string, value: string): void },
  next: () => void,
): void {
  const given = request.header('x-correlation-id');
  request.correlationId = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  response.setHeader('X-Correlation-Id', request.correlationId);
  next();
}

export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('Ctx used on a route without authentication');
  const key = request.header('idempotency-key');
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
  return {
    principal: request.principal,
    correlationId: request.correlationId ?? randomUUID(),
    ...(key ? { idempotency: { key, requestHash } } : {}),
  };
});

/** The command context of an HTTP request: the actor is always the authenticated principal. */
export function changeContextOf(
  request: RequestContext,
  now: string,
  expectedVersion: number | undefined,
): ChangeContext {
  return {
    actor: actorOf(request.principal),
    principal: request.principal,
    now,
    correlationId: request.correlationId,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    ...(request.idempotency ? { idempotency: request.idempotency } : {}),
  };
}
