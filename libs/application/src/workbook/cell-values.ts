import type { CellValue } from 'exceljs';
import { END_OF_PERIOD, FLAG_CHOICES, findChoice, type ColumnSpec } from './layout';

/** A reason in both languages, Indonesian first where it is shown. */
export interface Message {
  readonly id: string;
  readonly en: string;
}

/**
 * What a cell holds, before the column decides what it means. Numbers keep Excel's number format, so
 * the reader can use the text Excel displays rather than the float it stores.
 */
export type RawCell =
  | { readonly type: 'empty' }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'number'; readonly value: number; readonly numFmt?: string }
  | { readonly type: 'date'; readonly date: Date }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'error'; readonly error: string }
  | { readonly type: 'formula-without-result'; readonly formula: string };

/** The value exceljs gives for a cell, normalised (formulas by their stored result, rich text joined). */
export function rawCell(value: CellValue, numFmt?: string): RawCell {
  if (value === null || value === undefined) return { type: 'empty' };
  if (typeof value === 'string') return { type: 'text', text: value };
  if (typeof value === 'number')
    return numFmt ? { type: 'number', value, numFmt } : { type: 'number', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (value instanceof Date) return { type: 'date', date: value };
  if ('error' in value) return { type: 'error', error: value.error };
  if ('richText' in value) return { type: 'text', text: value.richText.map((run) => run.text).join('') };
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return rawCell(text as CellValue, numFmt);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'sharedFormula' in value ? value.sharedFormula : value.formula;
    if (value.result === undefined) return { type: 'formula-without-result', formula };
    return rawCell(value.result, numFmt);
  }
  return { type: 'empty' };
}

/** A value read from a cell: absent when the cell is empty, null for #N/A ("the row has no such cell"). */
export interface CellRead {
  readonly value?: string | number | boolean | null;
  readonly problem?: Message;
}

const EMPTY: CellRead = {};

/** A float only a computation stores: more than the 15 significant digits Excel keeps of what is typed. */
export function isBinaryNoise(value: number): boolean {
  return Number.isFinite(value) && Number(value.toPrecision(15)) !== value;
}

/** The date of a date cell, yyyy-mm-dd (exceljs reads date cells as UTC midnight). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const isGeneral = (numFmt: string | undefined) =>
  numFmt === undefined || numFmt === '' || numFmt === '@' || /^general$/i.test(numFmt.trim());

/**
 * The text a numeric cell shows on an Indonesian desktop: decimal comma, "." between thousands where the
 * format groups them. `General` shows the number as it is stored (0.5 → "0,5", 4550000000 →
 * "4550000000"); `#,##0.00` → "1.234,50"; `0%` → "46%"; `0 "orang"` → "262 orang".
 */
export function displayNumber(value: number, numFmt?: string): string {
  if (isGeneral(numFmt)) return generalText(value);
  const sections = splitSections(numFmt!);
  let section = sections[0] ?? '';
  let sign = value < 0 ? '-' : '';
  if (value < 0 && sections[1] !== undefined) {
    section = sections[1];
    sign = '';
  } else if (value === 0 && sections[2] !== undefined) section = sections[2];
  return formatSection(Math.abs(value), section, sign) ?? generalText(value);
}

function generalText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  let text = String(value);
  if (/e/i.test(text)) text = Number(value.toPrecision(15)).toString();
  return text.replace('.', ',');
}

/** Sections of a number format, split at ";" outside quotes. */
function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const char = format[i]!;
    if (char === '"') quoted = !quoted;
    if (char === '\\' && !quoted) {
      current += char + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += char;
  }
  sections.push(current);
  return sections;
}

/** One section of a number format; undefined for what this reader does not render (dates, fractions, E+). */
function formatSection(value: number, section: string, sign: string): string | undefined {
  let before = '';
  let after = '';
  let pattern = '';
  let percent = 0;
  let inPattern = false;
  let done = false;
  const literal = (text: string) => {
    if (inPattern) {
      inPattern = false;
      done = true;
    }
    if (done) after += text;
    else before += text;
  };
  for (let i = 0; i < section.length; i++) {
    const char = section[i]!;
    if (char === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end;
    } else if (char === '\\') {
      literal(section[i + 1] ?? '');
      i++;
    } else if (char === '_') {
      literal(' ');
      i++;
    } else if (char === '*') i++;
    else if (char === '[') {
      const end = section.indexOf(']', i);
      const inside = section.slice(i + 1, end < 0 ? undefined : end);
      if (/^[<>=]/.test(inside)) return undefined;
      i = end < 0 ? section.length : end;
    } else if (char === '%') {
      percent++;
      literal('%');
    } else if ('0#?,.'.includes(char) && !done) {
      inPattern = true;
      pattern += char;
    } else if (/[eE/yYmMdDhHsS@]/.test(char)) return undefined;
    else literal(char);
  }
  if (pattern === '') return sign + before + after;
  const point = pattern.indexOf('.');
  const whole = point < 0 ? pattern : pattern.slice(0, point);
  const fraction = point < 0 ? '' : pattern.slice(point + 1).replace(/,/g, '');
  const scale = /,+$/.exec(whole)?.[0].length ?? 0;
  const wholeDigits = whole.slice(0, whole.length - scale);
  const grouped = wholeDigits.includes(',');
  const minWhole = (wholeDigits.match(/0/g) ?? []).length;
  const maxFraction = (fraction.match(/[0#?]/g) ?? []).length;
  const minFraction = (fraction.match(/0/g) ?? []).length;
  const scaled = (value * 100 ** percent) / 1000 ** scale;
  const rounded = roundTo(scaled, maxFraction);
  let [intText = '0', fracText = ''] = rounded.split('.');
  fracText = fracText.padEnd(maxFraction, '0');
  while (fracText.length > minFraction && fracText.endsWith('0')) fracText = fracText.slice(0, -1);
  if (intText === '0' && minWhole === 0) intText = '';
  intText = intText.padStart(minWhole, '0');
  if (grouped) intText = intText.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const number = intText + (fracText ? `,${fracText}` : '');
  const negativeZero = sign === '-' && /^[0.,]*$/.test(number);
  return (negativeZero ? '' : sign) + before + number + after;
}

/** Decimal rounding half away from zero, as Excel displays (1.005 → "1.01" at two places). */
function roundTo(value: number, places: number): string {
  const shifted = Math.round(Number(`${value}e${places}`));
  const result = Number(`${shifted}e-${places}`);
  return result.toFixed(places);
}

const messages = {
  noise: (value: number): Message => {
    const shown = generalText(Number(value.toPrecision(15)));
    return {
      id: `angka ${value} tersimpan sebagai pecahan biner (hasil rumus atau salinan), bukan nilai yang dicetak; ketik nilainya sebagai teks, mis. "${shown}"`,
      en: `the number ${value} is stored as a binary fraction (a formula's result or a paste), not the printed value; type the value as text, e.g. "${shown}"`,
    };
  },
  formula: (formula: string): Message => ({
    id: `rumus =${formula} tanpa hasil tersimpan; ketik nilainya, atau buka dan simpan ulang di Excel`,
    en: `the formula =${formula} has no stored result; type the value, or open and save the workbook in Excel`,
  }),
  error: (error: string): Message => ({
    id: `sel berisi galat ${error}; ketik nilai yang dicetak dokumen`,
    en: `the cell holds the error ${error}; type the value the document prints`,
  }),
  date: (date: Date): Message => ({
    id: `Excel mengubah isian menjadi tanggal (${isoDate(date)}); format sel sebagai Teks lalu ketik ulang`,
    en: `Excel turned the entry into a date (${isoDate(date)}); format the cell as Text and type it again`,
  }),
  boolean: (value: boolean): Message => ({
    id: `sel berisi nilai logika ${value ? 'TRUE' : 'FALSE'}; ketik nilai yang dicetak dokumen`,
    en: `the cell holds the logical value ${value ? 'TRUE' : 'FALSE'}; type the value the document prints`,
  }),
  idNumber: (shown: string): Message => ({
    id: `kode ${shown} tersimpan sebagai angka; format sel sebagai Teks lalu ketik ulang kodenya (mis. "1.06")`,
    en: `the code ${shown} is stored as a number; format the cell as Text and type the code again (e.g. "1.06")`,
  }),
  notAYear: (text: string): Message => ({
    id: `"${text}" bukan tahun; ketik empat angka, mis. 2025`,
    en: `"${text}" is not a year; type four digits, e.g. 2025`,
  }),
  yearRange: (year: number): Message => ({
    id: `tahun ${year} di luar rentang 1900–2200 (salah ketik?)`,
    en: `the year ${year} is outside 1900–2200 (a typo?)`,
  }),
  notADate: (shown: string): Message => ({
    id: `${shown} bukan tanggal; ketik yyyy-mm-dd, mis. 2024-01-20`,
    en: `${shown} is not a date; type yyyy-mm-dd, e.g. 2024-01-20`,
  }),
  choice: (column: ColumnSpec, text: string): Message => {
    const labels = (column.choices ?? []).map((c) => c.label).join(', ');
    return {
      id: `${column.header.toLowerCase()} "${text}" tidak dikenal; pilih salah satu: ${labels}`,
      en: `${column.header.toLowerCase()}${column.header.toLowerCase() === column.key.toLowerCase() ? '' : ` (${column.key})`} "${text}" is not known; choose one of: ${labels}`,
    };
  },
  na: (): Message => ({
    id: '#N/A hanya untuk kolom nilai (baris tanpa sel itu)',
    en: '#N/A is only for value columns (a row without such a cell)',
  }),
};

export const cellMessages = messages;

/**
 * Reads a cell as its column means it. Values are the text the planner sees ("1.234,56", "BB", "-"), an
 * empty cell is missing, #N/A is null; whatever cannot be read says why, in Indonesian and English.
 */
export function readCell(column: ColumnSpec, cell: RawCell): CellRead {
  switch (cell.type) {
    case 'empty':
      return EMPTY;
    case 'formula-without-result':
      return { problem: messages.formula(cell.formula) };
    case 'error':
      if (cell.error === '#N/A')
        return column.kind === 'value' ? { value: null } : { problem: messages.na() };
      return { problem: messages.error(cell.error) };
    case 'date':
      return column.kind === 'date' ? { value: isoDate(cell.date) } : { problem: messages.date(cell.date) };
    case 'boolean':
      return column.kind === 'flag' ? { value: cell.value } : { problem: messages.boolean(cell.value) };
    case 'number':
      return readNumber(column, cell.value, cell.numFmt);
    case 'text':
      return readText(column, cell.text);
    default: {
      const never: never = cell;
      return never;
    }
  }
}

function readNumber(column: ColumnSpec, value: number, numFmt: string | undefined): CellRead {
  const noise = isGeneral(numFmt) && isBinaryNoise(value);
  switch (column.kind) {
    case 'value':
    case 'text':
      return noise
        ? { value: String(value), problem: messages.noise(value) }
        : { value: displayNumber(value, numFmt) };
    case 'id':
      return Number.isSafeInteger(value)
        ? { value: String(value) }
        : { value: String(value), problem: messages.idNumber(displayNumber(value, numFmt)) };
    case 'year':
    case 'year-or-total':
      if (!Number.isInteger(value)) return { problem: messages.notAYear(displayNumber(value, numFmt)) };
      return year(value);
    case 'period':
      return Number.isInteger(value) ? { value: String(value) } : { value: displayNumber(value, numFmt) };
    case 'locator':
      return Number.isSafeInteger(value) ? { value } : { value: displayNumber(value, numFmt) };
    case 'date':
      // A date that lost its format shows as Excel's day number (days since 1899-12-30); a small number
      // is more likely a year or a typo than a date before 1927.
      return Number.isInteger(value) && value > 10000 && value < 2958466
        ? { value: isoDate(new Date(Math.round((value - 25569) * 86400000))) }
        : { problem: messages.notADate(displayNumber(value, numFmt)) };
    case 'flag':
    case 'choice':
      return readText(column, String(value));
    default: {
      const never: never = column.kind;
      return never;
    }
  }
}

function year(value: number): CellRead {
  return value >= 1900 && value <= 2200 ? { value } : { value, problem: messages.yearRange(value) };
}

function readText(column: ColumnSpec, text: string): CellRead {
  const trimmed = text.trim();
  switch (column.kind) {
    case 'value':
    case 'text':
      return { value: text };
    case 'id':
    case 'period':
    case 'date':
      return trimmed === '' ? EMPTY : { value: trimmed };
    case 'locator':
      return trimmed === '' ? EMPTY : { value: text };
    case 'year':
    case 'year-or-total': {
      if (trimmed === '') return EMPTY;
      if (column.kind === 'year-or-total' && findChoice([END_OF_PERIOD], trimmed)) return { value: 'total' };
      return /^\d+$/.test(trimmed) ? year(Number(trimmed)) : { problem: messages.notAYear(trimmed) };
    }
    case 'flag':
    case 'choice': {
      if (trimmed === '') return EMPTY;
      const choices = column.kind === 'flag' ? FLAG_CHOICES : (column.choices ?? []);
      const choice = findChoice(choices, trimmed);
      if (!choice) return { problem: messages.choice({ ...column, choices }, trimmed) };
      return { value: column.kind === 'flag' ? choice.id === 'true' : choice.id };
    }
    default: {
      const never: never = column.kind;
      return never;
    }
  }
}
