import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@sakip/domain';
import { errors, isOperatorToken, OPERATOR, type Application } from '@sakip/application';
import type { AuthenticatedRequest } from '../request-context';
import { App, Operator, type OperatorHolder } from '../tokens';
import { FailedKeyLimiter } from './failed-keys';

const ROLES_KEY = 'sakip:roles';
const PUBLIC_KEY = 'sakip:public';

/** Roles allowed on a route. Routes without it are open to every authenticated key (read access). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route that needs no key (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Every route but the public ones needs a valid key, checked before the body is read (the body is parsed
 * after the guards: JsonBodyInterceptor). Wrong keys are logged (never the secret) and counted per client
 * address: past the limit the address gets 429 until the window ends.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly limiter: FailedKeyLimiter;

  constructor(
    private readonly reflector: Reflector,
    @App() private readonly app: Application,
    @Operator() private readonly operator: OperatorHolder,
  ) {
    this.limiter = new FailedKeyLimiter(app.settings.failedKeysPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const wait = this.limiter.retryAfter(address);
    if (wait !== undefined) throw errors.tooManyFailedKeys(wait);
    const bearer = /^Bearer\s+(.+)$/i.exec(request.header('authorization') ?? '')?.[1];
    const token = bearer ?? request.header('x-api-key');
    const principal = !token
      ? undefined
      : isOperatorToken(this.operator.channel, token) && isLoopback(address)
        ? OPERATOR
        : await this.app.keys.verify(token);
    if (!principal) {
      this.limiter.failed(address);
      request.log?.warn(
        {
          event: 'auth-failed',
          reason: token ? 'unknown, revoked or malformed key' : 'no key',
          keyId: /^sakip_([0-9a-f]{12})_/.exec(token ?? '')?.[1] ?? null,
          address,
          method: request.method,
          path: request.path,
        },
        'API key refused',
      );
      throw errors.unauthenticated();
    }
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw errors.forbiddenForRole(principal.role, roles);
    return true;
  }
}

/** This machine: the local operator channel answers nobody else. */
function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/.test(address);
}
