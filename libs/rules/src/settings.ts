import { DEFAULT_ACHIEVEMENT_SETTINGS, type LowerIsBetterConvention } from '@sakip/domain';

/** Deadlines: defaults from the regulations; each government may set its own. */
export interface Deadlines {
  /** When the budget document (DPA) of a year is approved, as MM-DD of the year before (PK is due a month after). */
  readonly dpaApproved: string;
  /** PermenPANRB 53/2014: the PK within this many months of the DPA's approval. */
  readonly pkMonthsAfterDpa: number;
  /** LKjIP of a year due in the next year: "MM-DD", or "end-of-february" (a common local deadline for OPDs). */
  readonly lkjip: string;
  /** Quarterly realisations due this many working days (Mon–Fri) after the quarter's end. */
  readonly quarterlyReportWorkingDays: number;
}

export interface EvaluationSettings {
  /** Reported and computed achievement may differ by this many percentage points (rounding). */
  readonly achievementTolerance: number;
  /**
   * How achievement is computed for lower-is-better indicators: not a setting of its own but the
   * achievement configuration's (the application passes it in), so rules and the API agree.
   */
  readonly lowerIsBetter: LowerIsBetterConvention;
  readonly deadlines: Deadlines;
  /** Per government (organisation.government, e.g. "Kabupaten Karanganyar"): deadlines of its own. */
  readonly governments?: Readonly<Record<string, Partial<Deadlines>>>;
}

export const DEFAULT_SETTINGS: EvaluationSettings = {
  achievementTolerance: 0.5,
  lowerIsBetter: DEFAULT_ACHIEVEMENT_SETTINGS.lowerIsBetter,
  deadlines: {
    dpaApproved: '12-31',
    pkMonthsAfterDpa: 1,
    lkjip: 'end-of-february',
    quarterlyReportWorkingDays: 10,
  },
};

export function deadlinesFor(settings: EvaluationSettings, government: string | null | undefined): Deadlines {
  return { ...settings.deadlines, ...(government ? settings.governments?.[government] : undefined) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function pkDeadline(deadlines: Deadlines, year: number): string {
  const [month, day] = deadlines.dpaApproved.split('-').map(Number);
  const dpa = new Date(Date.UTC(year - 1, (month ?? 12) - 1, day ?? 31));
  const due = new Date(Date.UTC(dpa.getUTCFullYear(), dpa.getUTCMonth() + deadlines.pkMonthsAfterDpa + 1, 0));
  return iso(
    new Date(
      Math.min(
        due.getTime(),
        Date.UTC(dpa.getUTCFullYear(), dpa.getUTCMonth() + deadlines.pkMonthsAfterDpa, dpa.getUTCDate()),
      ),
    ),
  );
}

export function lkjipDeadline(deadlines: Deadlines, year: number): string {
  if (deadlines.lkjip === 'end-of-february') return iso(new Date(Date.UTC(year + 1, 2, 0)));
  return `${year + 1}-${deadlines.lkjip}`;
}

/** The date `workingDays` Monday-to-Friday days after `date` (public holidays are not known here). */
export function addWorkingDays(date: string, workingDays: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = workingDays;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return iso(d);
}
