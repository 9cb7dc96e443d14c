/**
 * Reporting periods as written in bundles: "2018" (year), "2018-Q1".."2018-Q4" (triwulan),
 * "2018-S1"/"2018-S2" (semester), "2018-03" (month).
 */
export type PeriodKind = 'year' | 'quarter' | 'semester' | 'month';

export interface Period {
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1-based quarter, semester or month; absent for a year. */
  readonly index?: number;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(?:Q([1-4])|S([12])|(0[1-9]|1[0-2])))?$/;

export function parsePeriod(text: string): Period | undefined {
  const match = PERIOD_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2]) return { kind: 'quarter', year, index: Number(match[2]) };
  if (match[3]) return { kind: 'semester', year, index: Number(match[3]) };
  if (match[4]) return { kind: 'month', year, index: Number(match[4]) };
  return { kind: 'year', year };
}

export function isPeriod(text: string): boolean {
  return parsePeriod(text) !== undefined;
}

export function formatPeriod(period: Period): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (period.kind) {
    case 'year':
      return String(period.year);
    case 'quarter':
      return `${period.year}-Q${period.index ?? 1}`;
    case 'semester':
      return `${period.year}-S${period.index ?? 1}`;
    case 'month':
      return `${period.year}-${pad(period.index ?? 1)}`;
    default: {
      const never: never = period.kind;
      return never;
    }
  }
}

/** Last month (1–12) the period covers. */
function lastMonth(period: Period): number {
  const index = period.index ?? 1;
  switch (period.kind) {
    case 'year':
      return 12;
    case 'quarter':
      return index * 3;
    case 'semester':
      return index * 6;
    case 'month':
      return index;
    default: {
      const never: never = period.kind;
      return never;
    }
  }
}

/** The last calendar day of the period, as an ISO date (yyyy-mm-dd). */
export function periodEndDate(period: Period): string {
  const month = lastMonth(period);
  const days =
    [31, isLeapYear(period.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
  return `${period.year}-${String(month).padStart(2, '0')}-${String(days).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Sorts periods chronologically by their end, a year after its last quarter. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.year !== b.year) return a.year - b.year;
  const end = lastMonth(a) - lastMonth(b);
  if (end !== 0) return end;
  const rank: Record<PeriodKind, number> = { month: 0, quarter: 1, semester: 2, year: 3 };
  return rank[a.kind] - rank[b.kind];
}
