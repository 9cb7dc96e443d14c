/**
 * Indonesian numerals as printed in planning documents: "." groups thousands, "," starts the decimals.
 *   "1.234.567,89" → 1234567.89   "30,50" → 30.5   "400.000" → 400000   "-2,5" → -2.5
 * Anything that does not follow that grammar ("13,11,00", "1.5", "2.5") is not a numeral: the caller
 * keeps it verbatim, the rules decide what it means.
 */
const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const PLAIN = /^\d+(?:,\d+)?$/;
const MINUS = /^[-\u2212]/;

export function parseIndonesianNumeral(text: string): number | undefined {
  const trimmed = text.trim();
  const negative = MINUS.test(trimmed);
  const body = negative ? trimmed.slice(1).trimStart() : trimmed;
  if (!GROUPED.test(body) && !PLAIN.test(body)) return undefined;
  const value = Number(body.replace(/\./g, '').replace(',', '.'));
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}

/** Formats a number the way the documents print it (used by tests, the generator and reports). */
export function formatIndonesianNumeral(value: number, fractionDigits?: number): string {
  const negative = value < 0;
  const fixed =
    fractionDigits === undefined ? String(Math.abs(value)) : Math.abs(value).toFixed(fractionDigits);
  if (/e/i.test(fixed)) throw new RangeError(`cannot format ${value} as an Indonesian numeral`);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (negative ? '-' : '') + grouped + (fraction ? ',' + fraction : '');
}
