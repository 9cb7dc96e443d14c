import i18next from 'i18next';

/** Numbers and dates in the user's locale: Indonesian by default (1.234,56; 30 Juni 2025). */
const locale = () => (i18next.language === 'en' ? 'en-GB' : 'id-ID');

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** A value as a document states it: `{ raw, kind, value }`; numbers are shown in the locale, the rest verbatim. */
export interface Stated {
  raw: string | number;
  kind: string;
  value?: unknown;
}

export function formatStated(value: Stated | null | undefined): string {
  if (!value) return '—';
  if (typeof value.value === 'number') return formatNumber(value.value);
  return String(value.raw);
}
