import { DOCUMENT_EVENT_TYPES, type DocumentEvent } from './document/document.events';
import { INDICATOR_EVENT_TYPES, type IndicatorEvent } from './indicator/indicator.events';
import { NODE_EVENT_TYPES, type NodeEvent } from './node/node.events';
import { ORGANISATION_EVENT_TYPES, type OrganisationEvent } from './organisation/organisation.events';

/** Every event about an organisation's documents and plan: what read models and the rules fold. */
export type OrganisationalEvent = OrganisationEvent | DocumentEvent | NodeEvent | IndicatorEvent;

const ORGANISATIONAL_TYPES: ReadonlySet<string> = new Set([
  ...ORGANISATION_EVENT_TYPES,
  ...DOCUMENT_EVENT_TYPES,
  ...NODE_EVENT_TYPES,
  ...INDICATOR_EVENT_TYPES,
]);

/**
 * A stored event as the domain event its type names, or undefined for other aggregates' events. Stored
 * data is what the deciders wrote, so the type name is what types it.
 */
export function asOrganisationalEvent<E extends { readonly type: string; readonly data: unknown }>(
  event: E,
): (E & OrganisationalEvent) | undefined {
  return ORGANISATIONAL_TYPES.has(event.type) ? (event as E & OrganisationalEvent) : undefined;
}
