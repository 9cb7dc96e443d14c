import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@sakip/domain';
import { ApiKeys } from '@sakip/application';
import { ProblemException } from '../problem-details';
import type { AuthenticatedRequest } from '../request-context';

const ROLES_KEY = 'sakip:roles';
const PUBLIC_KEY = 'sakip:public';

/** Roles allowed on a route. Routes without it are open to every authenticated key (read access). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route that needs no key (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const unauthenticated = () =>
  new ProblemException(401, 'UNAUTHENTICATED', {
    id: 'Butuh kunci API yang valid: header "Authorization: Bearer <kunci>" atau "X-API-Key".',
    en: 'A valid API key is required: send "Authorization: Bearer <key>" or "X-API-Key".',
  });

export const forbiddenForRole = (role: string, allowed: readonly string[]) =>
  new ProblemException(
    403,
    'FORBIDDEN_FOR_ROLE',
    {
      id: `Peran ${role} tidak boleh melakukan ini (hanya ${allowed.join(', ')}).`,
      en: `Role ${role} may not do this (only ${allowed.join(', ')}).`,
    },
    { role, allowed },
  );

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeys) private readonly keys: ApiKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const bearer = /^Bearer\s+(.+)$/i.exec(request.header('authorization') ?? '')?.[1];
    const token = bearer ?? request.header('x-api-key');
    const principal = token ? await this.keys.verify(token) : undefined;
    if (!principal) throw unauthenticated();
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw forbiddenForRole(principal.role, roles);
    return true;
  }
}
