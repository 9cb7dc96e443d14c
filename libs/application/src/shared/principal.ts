import { DomainError, type Actor, type Role } from '@sakip/domain';

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

/** A key acting for an organisation outside its scope. */
export const organisationOutOfScope = (organisationId: string) =>
  new DomainError(
    'ORGANISATION_NOT_IN_SCOPE',
    {
      id: `Kunci ini tidak boleh mengubah data ${organisationId}.`,
      en: `This key may not change data of ${organisationId}.`,
    },
    'forbidden',
    { organisationId },
  );
