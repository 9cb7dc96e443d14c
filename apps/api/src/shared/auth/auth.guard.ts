import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@sakip/domain';
import { errors, type Application } from '@sakip/application';
import type { AuthenticatedRequest } from '../request-context';
import { App } from '../tokens';

const ROLES_KEY = 'sakip:roles';
const PUBLIC_KEY = 'sakip:public';

/** Roles allowed on a route. Routes without it are open to every authenticated key (read access). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route that needs no key (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @App() private readonly app: Application,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const bearer = /^Bearer\s+(.+)$/i.exec(request.header('authorization') ?? '')?.[1];
    const token = bearer ?? request.header('x-api-key');
    const principal = token ? await this.app.keys.verify(token) : undefined;
    if (!principal) throw errors.unauthenticated();
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw errors.forbiddenForRole(principal.role, roles);
    return true;
  }
}
