import { errors } from '../errors/catalogue';
import type { ReadModels } from '@sakip/read-models';

export interface IndicatorRef {
  readonly organisationId: string;
  readonly indicatorId: string;
}

/**
 * "<organisation>:<indicator>" (e.g. "dinsos-karanganyar:S1-I1"), or just the indicator id when only one
 * organisation has an indicator with that id.
 */
export async function resolveIndicatorRef(text: string, readModels: ReadModels): Promise<IndicatorRef> {
  const colon = text.indexOf(':');
  if (colon > 0 && colon < text.length - 1)
    return { organisationId: text.slice(0, colon), indicatorId: text.slice(colon + 1) };
  const organisations = await readModels.planTree.organisationsWithIndicator(text);
  if (organisations.length === 1) return { organisationId: organisations[0]!, indicatorId: text };
  if (organisations.length === 0) throw errors.unknownIndicatorRef(text);
  throw errors.ambiguousIndicator(text, organisations);
}
