/**
 * Reading the words of indicators, units and formulas as an evaluator does. Every heuristic here is about
 * the language of SAKIP documents in general, never about one document.
 */

/** Lower case, single spaces, no punctuation at the ends: two texts that say the same compare equal. */
export function normaliseText(text: string | null | undefined): string {
  return (text ?? '')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s.,;:–-]+|[\s.,;:–-]+$/g, '')
    .trim();
}

/** Percentages, indices, scores, grades and ratios: the final value is the last year's. */
const LEVEL_UNIT = /%|persen|indeks|index|nilai|predikat|kategori|rasio|angka|skor|poin|tingkat|level/i;
/** A rate per month or year, or a stock kept up (maintained, registered): also the last year's value. */
const STOCK_UNIT = /\/\s*(bulan|bln|tahun|thn)|per\s+(bulan|tahun)/i;
const STOCK_NAME = /pelihara|didata|terdata|\bdata\b|tersimpan|\bkader\b|\bregister\b/i;

export type InferredAggregation = { readonly aggregation: 'last' | 'sum'; readonly why: string };

/**
 * The aggregation of a final target the document does not state: a level (percentage, index, grade), a
 * rate or a stock ends on its last year's value; a count of things produced or people served each year
 * adds up.
 */
export function inferAggregation(unit: string | null, name: string): InferredAggregation | null {
  if (unit && LEVEL_UNIT.test(unit)) return { aggregation: 'last', why: `satuan "${unit}" / unit "${unit}"` };
  if (/^(persentase|prosentase|indeks|nilai|rasio|angka|tingkat|rata-rata)\b/i.test(name.trim()))
    return { aggregation: 'last', why: 'persentase/indeks' };
  if (unit && STOCK_UNIT.test(unit)) return { aggregation: 'last', why: `satuan "${unit}" (per periode)` };
  if (STOCK_NAME.test(name)) return { aggregation: 'last', why: 'stok yang dipelihara/didata' };
  if (unit && /\p{L}/u.test(unit)) return { aggregation: 'sum', why: `jumlah ${unit} per tahun` };
  return null;
}

/** A count indicator: "Jumlah …", "Banyaknya …". */
export function isCountName(name: string): boolean {
  return /^(jumlah|banyaknya|banyak)\b/i.test(name.trim());
}

/** The unit is a bare number ("1"): not a unit. */
export function isNumericUnit(unit: string | null): boolean {
  return unit !== null && /^\s*[\d.,]+\s*$/.test(unit);
}

/** Countable nouns that documents use as units, with their spellings. */
const COUNT_NOUNS: Readonly<Record<string, readonly string[]>> = {
  dokumen: ['dokumen', 'dok'],
  laporan: ['laporan', 'lap'],
  paket: ['paket', 'pkt'],
  orang: ['orang', 'org', 'jiwa', 'peserta', 'pegawai', 'asn'],
  keluarga: ['keluarga', 'kk', 'kpm', 'rumah tangga', 'rt'],
  unit: ['unit', 'buah', 'bh'],
  kegiatan: ['kegiatan', 'keg'],
  kali: ['kali'],
  lembaga: ['lembaga', 'organisasi', 'yayasan'],
  sertifikat: ['sertifikat'],
  surat: ['surat'],
  desa: ['desa', 'kelurahan'],
};

function countNounOf(word: string): string | undefined {
  const w = normaliseText(word);
  for (const [noun, spellings] of Object.entries(COUNT_NOUNS))
    if (spellings.some((s) => w === s || w.startsWith(`${s} `) || w.startsWith(`${s}/`))) return noun;
  return undefined;
}

/**
 * "Jumlah Paket …" measured in "Unit": the noun counted by the name and the unit are different kinds of
 * thing. Only clear cases (both are known count nouns, and they differ).
 */
export function unitContradictsName(
  unit: string | null,
  name: string,
): { counted: string; unit: string } | null {
  if (!unit) return null;
  const match = /^(?:jumlah|banyaknya)\s+(\S+)/i.exec(name.trim());
  if (!match?.[1]) return null;
  const counted = countNounOf(match[1]);
  const measured = countNounOf(unit);
  if (!counted || !measured || counted === measured) return null;
  // People are counted in families or persons interchangeably only by mistake, but "orang" in a unit of
  // "peserta" is the same thing: both map to orang above.
  return { counted, unit: measured };
}

/** The formula divides: "/", ":", "÷", "dibagi", "per", "x 100", "perbandingan", "rasio". */
export const DIVIDES = /\/|:|÷|\bdibagi\b|\bper\b|[x×]\s*100|perbandingan|rasio/i;

/** The formula refers to a measurement made elsewhere (an index by a ministry, a BPS figure, a survey). */
export const EXTERNAL_DEFINITION =
  /\b(berdasarkan|hasil\s+(penilaian|perhitungan|survei|survey|evaluasi)|data\s+bps|\bbps\b|survei|survey|sumber\s+data)\b/i;

/** What a formula divides by: the words after "dibagi" or "/" (up to "dikali"/"x 100"). */
export function denominatorOf(formula: string): string | null {
  const match = /(?:\bdibagi\b|\/|÷)\s*(.+?)(?:\s*(?:\bdikali\b|\bkali\b|[x×]\s*100|\*\s*100)|$)/i.exec(
    formula,
  );
  return match?.[1]?.trim() || null;
}

/** "dibagi 100": the formula divides by a hundred instead of multiplying. */
export function dividesByHundred(formula: string): boolean {
  return /\b(dibagi|\/)\s*100\b/i.test(formula);
}

/** The formula measures against the unit's own plan ("dibagi jumlah target pelayanan …"). */
export function denominatorIsOwnTarget(formula: string): boolean {
  const denominator = denominatorOf(formula);
  return denominator !== null && /\btarget\b|\brencana\b/i.test(denominator);
}

/** The "formula" says no more than the name (identical, or the name with "Persentase" in front). */
export function formulaRestatesName(formula: string, name: string): boolean {
  const f = normaliseText(formula).replace(/^(persentase|prosentase|jumlah)\s+/, '');
  const n = normaliseText(name).replace(/^(persentase|prosentase|jumlah)\s+/, '');
  return f === n;
}
