import type { Actor, Role } from '@sakip/domain';
import { errors } from '../errors/catalogue';

/** Who is calling the API: an API key's role and scope. */
export interface Principal {
  readonly keyId: string;
  readonly role: Role;
  /** For planners: the organisations they may write for. */
  readonly organisations: readonly string[];
  readonly label: string;
}

export function actorOf(principal: Principal): Actor {
  return { id: `key:${principal.keyId}`, kind: 'api-key', role: principal.role, name: principal.label };
}

/** Admins write everywhere; planners only for their organisations; inspectors and viewers never. */
export function mayWriteFor(principal: Principal, organisationId: string): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === 'planner' && principal.organisations.includes(organisationId);
}

/** Refuses a key acting for an organisation outside its scope; without a principal (the CLI), nothing to check. */
export function checkScope(principal: Principal | undefined, organisationId: string): void {
  if (principal && !mayWriteFor(principal, organisationId))
    throw errors.organisationOutOfScope(organisationId);
}
