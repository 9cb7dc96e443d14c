import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { keyCaller, type Caller, type Principal } from '@sakip/application';

export type AuthenticatedRequest = Request & {
  principal?: Principal;
  correlationId?: string;
  /** The access log's logger for this request (pino-http), when the server logs. */
  log?: { warn(details: object, message: string): void };
};

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

/** The caller of an authenticated request: its key (the actor on every event), correlation, idempotency. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('Ctx used on a route without authentication');
  const key = request.header('idempotency-key');
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
  return keyCaller(
    request.principal,
    request.correlationId ?? randomUUID(),
    key ? { key, requestHash } : undefined,
  );
});
