import { interpretValue, type RawValue } from '@sakip/domain';

/** A document value as the API and CLI show it: the raw text always, with its interpretation. */
export interface PresentedValue {
  readonly raw: RawValue | null;
  readonly kind: 'number' | 'grade' | 'empty' | 'unparseable';
  readonly value?: number;
  readonly grade?: string;
  readonly unit?: string;
  /** The second quantity of a compound value ("46% (262 orang)"). */
  readonly secondary?: { readonly value: number; readonly unit?: string };
}

export function presentValue(raw: unknown): PresentedValue {
  const interpreted = interpretValue(typeof raw === 'string' || typeof raw === 'number' ? raw : null);
  switch (interpreted.kind) {
    case 'number':
      return {
        raw: interpreted.raw,
        kind: 'number',
        value: interpreted.value,
        ...(interpreted.unit ? { unit: interpreted.unit } : {}),
        ...(interpreted.secondary ? { secondary: interpreted.secondary } : {}),
      };
    case 'grade':
      return {
        raw: interpreted.raw,
        kind: 'grade',
        grade: interpreted.grade,
        ...(interpreted.unit ? { unit: interpreted.unit } : {}),
      };
    case 'empty':
      return { raw: interpreted.raw, kind: 'empty' };
    case 'unparseable':
      return { raw: interpreted.raw, kind: 'unparseable' };
    default: {
      const never: never = interpreted;
      return never;
    }
  }
}

/** Raw value as stored in a jsonb column (number or text), or undefined when absent. */
export function rawOf(value: unknown): RawValue | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}
