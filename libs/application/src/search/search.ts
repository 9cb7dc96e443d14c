import type { ReadModels, SearchHit } from '@sakip/read-models';
import type { Caller } from '../shared/caller';

export interface SearchAnswer {
  readonly query: string;
  readonly results: readonly (SearchHit & { readonly ref?: string })[];
}

export const SEARCH_LIMIT_DEFAULT = 20;

/** Who the calling key is: role, the organisations it may act for (null: every one), its label. */
export interface Me {
  readonly keyId: string;
  readonly role: string;
  readonly organisations: readonly string[] | null;
  readonly label?: string;
}

export function whoAmI(caller: Caller): Me {
  const principal = caller.principal;
  if (!principal) return { keyId: caller.actor.id, role: 'admin', organisations: null };
  return {
    keyId: principal.keyId,
    role: principal.role,
    organisations: principal.role === 'planner' ? [...principal.organisations] : null,
    ...(principal.label ? { label: principal.label } : {}),
  };
}

/** Finding an organisation, document, node or indicator by name or code, within what the caller may see. */
export class Search {
  constructor(private readonly readModels: ReadModels) {}

  async search(query: string, caller: Caller, limit = SEARCH_LIMIT_DEFAULT): Promise<SearchAnswer> {
    const text = query.trim();
    if (!text) return { query: text, results: [] };
    const scope = whoAmI(caller).organisations;
    const hits = await this.readModels.search.search(text, {
      limit,
      ...(scope ? { organisations: scope } : {}),
    });
    return {
      query: text,
      results: hits.map((hit) =>
        hit.kind === 'indicator' ? { ...hit, ref: `${hit.organisation}:${hit.id}` } : hit,
      ),
    };
  }
}
