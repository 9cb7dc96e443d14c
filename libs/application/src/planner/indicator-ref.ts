import { DomainError } from '@sakip/domain';
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
  if (organisations.length === 0)
    throw new DomainError(
      'UNKNOWN_INDICATOR',
      {
        id: `Tidak ada indikator "${text}". Tulis "<organisasi>:<indikator>", mis. "dinsos-karanganyar:S1-I1".`,
        en: `There is no indicator "${text}". Write "<organisation>:<indicator>", e.g. "dinsos-karanganyar:S1-I1".`,
      },
      'not-found',
      { indicator: text },
    );
  throw new DomainError(
    'AMBIGUOUS_INDICATOR',
    {
      id: `Indikator "${text}" ada di ${organisations.length} organisasi (${organisations.join(', ')}); tulis "<organisasi>:${text}".`,
      en: `Indicator "${text}" exists in ${organisations.length} organisations (${organisations.join(', ')}); write "<organisation>:${text}".`,
    },
    'rule',
    { indicator: text, organisations },
  );
}
