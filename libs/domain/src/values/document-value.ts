import { isGrade, type Grade } from './grade';
import { parseIndonesianNumeral } from './numeral';

/** A value exactly as the document gives it: a JSON number or the printed text. */
export type RawValue = string | number;

/**
 * The interpretation of a document value. `raw` always travels with it, so nothing the document said
 * is lost, and a later, better parser can re-read the same events.
 */
export type DocumentValue =
  | {
      readonly kind: 'number';
      readonly raw: RawValue;
      readonly value: number;
      readonly unit?: string;
      /** The second quantity of a compound value: "46% (262 orang)" → 262 orang. */
      readonly secondary?: { readonly value: number; readonly unit?: string };
    }
  | { readonly kind: 'grade'; readonly raw: RawValue; readonly grade: Grade; readonly unit?: string }
  /** `raw` null: the document has no such cell (missing); "" or "-": the cell is printed empty. */
  | { readonly kind: 'empty'; readonly raw: RawValue | null }
  | { readonly kind: 'unparseable'; readonly raw: RawValue };

const DASHES = /^[-\u2012\u2013\u2014\u2212]+$/;
const GRADE_WITH_UNIT = /^(AA|A|BB|B|CC|C|D)(?:\s+(.+))?$/;
const RUPIAH = /^Rp\.?\s*(.+?)(?:,-)?$/i;
const NUMBER_THEN_UNIT = /^([-\u2212]?\s*[\d.,]*\d)\s*(.*)$/;
// A unit is words, optionally with "/", "%", "." or parentheses: "%", "Dokumen", "Orang/bulan", "Kali (keg.)".
const UNIT = /^[%\p{L}][\p{L}\p{M}\s/%.()\-']*$/u;
// A compound value: a quantity followed by a second one in parentheses, "46% (262 orang)".
const COMPOUND = /^(.*?\d.*?)\s*\(\s*([-\u2212]?\s*\d[^()]*?)\s*\)$/;

const BOUND =
  /^(?:≥|≤|>=|<=|>|<|min\.?|minimal|maks\.?|maksimal|paling sedikit|sekurang-kurangnya)\s*(\S.*)$/i;

function numberWithUnit(text: string): { value: number; unit?: string } | undefined {
  const parts = NUMBER_THEN_UNIT.exec(text);
  if (parts?.[1] === undefined) return undefined;
  const value = parseIndonesianNumeral(parts[1].replace(/\s+/g, ''));
  const unit = (parts[2] ?? '').trim();
  if (value === undefined) return undefined;
  if (unit === '') return { value };
  return UNIT.test(unit) ? { value, unit } : undefined;
}

export function interpretValue(raw: RawValue | null | undefined): DocumentValue {
  if (raw === null || raw === undefined) return { kind: 'empty', raw: null };
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { kind: 'number', raw, value: raw } : { kind: 'unparseable', raw };
  }
  const text = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  if (text === '' || DASHES.test(text)) return { kind: 'empty', raw };

  const grade = GRADE_WITH_UNIT.exec(text);
  if (grade?.[1] !== undefined && isGrade(grade[1])) {
    const unit = grade[2]?.trim();
    return unit ? { kind: 'grade', raw, grade: grade[1], unit } : { kind: 'grade', raw, grade: grade[1] };
  }

  const rupiah = RUPIAH.exec(text);
  if (rupiah?.[1] !== undefined) {
    const value = parseIndonesianNumeral(rupiah[1]);
    if (value !== undefined) return { kind: 'number', raw, value, unit: 'Rp' };
  }

  // A bound written before the number ("≥ 80", "min. 75") is read as the number; the raw text keeps it.
  const bound = BOUND.exec(text);
  if (bound?.[1] !== undefined) {
    const inner = interpretValue(bound[1]);
    if (inner.kind === 'number' || inner.kind === 'grade') return { ...inner, raw };
  }
  const compound = COMPOUND.exec(text);
  if (compound?.[1] !== undefined && compound[2] !== undefined) {
    const main = numberWithUnit(compound[1]);
    const secondary = numberWithUnit(compound[2]);
    if (main && secondary) return { kind: 'number', raw, ...main, secondary };
  }
  const single = numberWithUnit(text);
  if (single) return { kind: 'number', raw, ...single };
  return { kind: 'unparseable', raw };
}

/** The document has no such cell at all (absent or null), as opposed to a cell printed empty. */
export function isMissing(value: DocumentValue): boolean {
  return value.kind === 'empty' && value.raw === null;
}

/** The number a value stands for, if it stands for one. */
export function numericValue(value: DocumentValue): number | undefined {
  return value.kind === 'number' ? value.value : undefined;
}

/** Two values say the same thing (the same number, grade, or the same text when not interpretable). */
export function sameMeaning(a: DocumentValue, b: DocumentValue): boolean {
  switch (a.kind) {
    case 'number':
      return b.kind === 'number' && a.value === b.value;
    case 'grade':
      return b.kind === 'grade' && a.grade === b.grade;
    case 'empty':
      return b.kind === 'empty';
    case 'unparseable':
      return b.kind === 'unparseable' && String(a.raw).trim() === String(b.raw).trim();
    default: {
      const never: never = a;
      return never;
    }
  }
}

export function sameRawMeaning(a: RawValue | null | undefined, b: RawValue | null | undefined): boolean {
  return sameMeaning(interpretValue(a), interpretValue(b));
}

/** Short human form: the raw text, plus the interpretation when it differs. */
export function describeValue(value: DocumentValue): string {
  switch (value.kind) {
    case 'empty':
      return '—';
    case 'unparseable':
      return `"${String(value.raw)}" (unparseable)`;
    case 'grade':
      return String(value.raw);
    case 'number':
      return typeof value.raw === 'number' ? String(value.raw) : value.raw.trim();
    default: {
      const never: never = value;
      return never;
    }
  }
}
