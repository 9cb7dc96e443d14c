import { readFile } from 'node:fs/promises';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';

/**
 * JSON as both front doors read it (a request body, a bundle file): the same BOM handling, the same
 * bounds and the same problems, each naming the line and column or the JSON path. Nothing here recurses
 * over the data, so no input can exhaust the stack.
 *
 * Numbers keep the text of the file: a number JavaScript cannot hold exactly (above 2^53, or with more
 * digits than a double keeps) arrives as its source text, a string, so a value stored "as printed" is the
 * printed text and never a rounded copy of it.
 */

export interface JsonLimits {
  /** Objects and arrays inside each other. */
  readonly maxDepth: number;
  /** Characters of one string (or property name). */
  readonly maxStringLength: number;
  /** Items of one array. */
  readonly maxItems: number;
  /** Properties of one object. */
  readonly maxProperties: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxDepth: 32,
  maxStringLength: 10_000,
  maxItems: 100_000,
  maxProperties: 1_000,
};

/** Why an input was refused: where (line and column for syntax, a JSON path for content) and why. */
export interface JsonInputProblem {
  /** `nodes[3].name`; empty for the document itself or a syntax error. */
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly en: string;
  readonly id: string;
}

export type JsonInput =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly syntax: boolean; readonly problems: readonly JsonInputProblem[] };

const BOM = '\ufeff';

/** Line and column (both from 1) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

const syntaxProblem = (text: string, offset: number, en: string, id: string): JsonInput => {
  const at = lineAndColumn(text, offset);
  return {
    ok: false,
    syntax: true,
    problems: [
      {
        path: '',
        ...at,
        en: `line ${at.line}, column ${at.column}: ${en}`,
        id: `baris ${at.line}, kolom ${at.column}: ${id}`,
      },
    ],
  };
};

/**
 * One pass over the text: how deep it nests (refused past the limit, before a parser recurses) and whether
 * a number needs its source text kept.
 */
function scan(text: string, limits: JsonLimits): { tooDeepAt?: number; unsafeNumbers: boolean } {
  let depth = 0;
  let unsafeNumbers = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limits.maxDepth) return { tooDeepAt: i, unsafeNumbers };
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && /[0-9eE.+-]/.test(text[end]!)) end++;
      // Up to 15 significant digits always survive a double; longer ones are checked.
      if (!unsafeNumbers && end - i > 15) {
        const token = text.slice(i, end);
        unsafeNumbers = /^-?\d/.test(token) && !safeNumber(token);
      }
      i = end - 1;
    }
  }
  return { unsafeNumbers };
}

function safeNumber(token: string): boolean {
  try {
    return isSafeNumber(token);
  } catch {
    return true; // not a number at all: the parser reports it
  }
}

/** The offset a JSON.parse or lossless-json error names ("at position 12"), if any. */
function offsetOf(error: unknown, text: string): number {
  const match = /position (\d+)/.exec((error as Error).message);
  return match ? Number(match[1]) : text.length;
}

/** The parser's reason without its own position (we give line and column). */
function reasonOf(error: unknown): string {
  return (error as Error).message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*(in JSON )?at position \d+/, '')
    .trim();
}

/** Parses JSON text: BOM dropped, nesting bounded, numbers lossless, then `checkJsonLimits`. */
export function parseJsonInput(input: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonInput {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  if (text.trim() === '') return syntaxProblem(text, 0, 'the document is empty', 'dokumen kosong');
  const scanned = scan(text, limits);
  if (scanned.tooDeepAt !== undefined)
    return syntaxProblem(
      text,
      scanned.tooDeepAt,
      `nested more than ${limits.maxDepth} levels deep`,
      `bersarang lebih dari ${limits.maxDepth} tingkat`,
    );
  let value: unknown;
  try {
    value = scanned.unsafeNumbers
      ? parseLossless(text, null, (digits) => (safeNumber(digits) ? Number(digits) : digits))
      : JSON.parse(text);
  } catch (thrown) {
    // V8 does not always say where; lossless-json always does (and agrees on what is wrong).
    let error = thrown;
    if (!/position \d+/.test((thrown as Error).message))
      try {
        parseLossless(text);
      } catch (positioned) {
        error = positioned;
      }
    const reason = reasonOf(error);
    return syntaxProblem(
      text,
      offsetOf(error, text),
      `not valid JSON (${reason})`,
      `bukan JSON yang valid (${reason})`,
    );
  }
  const problems = checkJsonLimits(value, limits);
  return problems.length > 0 ? { ok: false, syntax: false, problems } : { ok: true, value };
}

/** Bytes as UTF-8 text (a BOM is dropped by `parseJsonInput`); invalid UTF-8 is a problem, not mojibake. */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: JsonInputProblem } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      problem: { path: '', en: 'is not UTF-8 text', id: 'bukan teks UTF-8' },
    };
  }
}

/** A child's path as the bundle validation writes it: `nodes[3].name`, `targets.2025`. */
const childPath = (path: string, key: string | number) =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[^.[\]"\s]+$/.test(key)
      ? path
        ? `${path}.${key}`
        : key
      : `${path}[${JSON.stringify(key)}]`;

const MAX_PROBLEMS = 50;
/** Half of a UTF-16 surrogate pair without its other half: no text, and no database can store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Characters a string may not hold: NUL, and lone surrogates (both come only from \u escapes). */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * Every string without NUL characters (no database keeps them) and within the length limit, every array
 * and object within its item limit. Iterative: depth costs no stack.
 */
export function checkJsonLimits(
  value: unknown,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): JsonInputProblem[] {
  const problems: JsonInputProblem[] = [];
  const checkString = (text: string, path: string, what: 'value' | 'name') => {
    if (text.includes('\u0000'))
      problems.push({
        path,
        en: `the ${what === 'name' ? 'property name' : 'text'} contains a NUL character (\\u0000)`,
        id: `${what === 'name' ? 'nama properti' : 'teks'} mengandung karakter NUL (\\u0000)`,
      });
    else if (LONE_SURROGATE.test(text))
      problems.push({
        path,
        en: `the ${what === 'name' ? 'property name' : 'text'} contains half of a UTF-16 surrogate pair (a \\ud800–\\udfff escape alone), which is no character`,
        id: `${what === 'name' ? 'nama properti' : 'teks'} mengandung separuh pasangan surrogate UTF-16 (escape \\ud800–\\udfff sendirian), yang bukan karakter`,
      });
    if (text.length > limits.maxStringLength)
      problems.push({
        path,
        en: `is ${text.length} characters long; at most ${limits.maxStringLength} are accepted`,
        id: `panjangnya ${text.length} karakter; paling banyak ${limits.maxStringLength}`,
      });
  };
  // Containers only go on the stack with their path; a leaf's path is written only when it has a problem.
  const visit = (child: unknown, path: string, key: string | number) => {
    if (typeof child === 'string') {
      if (child.length > limits.maxStringLength || unstorable(child))
        checkString(child, childPath(path, key), 'value');
    } else if (child !== null && typeof child === 'object')
      stack.push({ value: child, path: childPath(path, key) });
  };
  const stack: { value: object; path: string }[] = [];
  if (typeof value === 'string') checkString(value, '', 'value');
  else if (value !== null && typeof value === 'object') stack.push({ value, path: '' });
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: current, path } = stack.pop()!;
    if (Array.isArray(current)) {
      if (current.length > limits.maxItems)
        problems.push({
          path,
          en: `has ${current.length} items; at most ${limits.maxItems} are accepted`,
          id: `berisi ${current.length} butir; paling banyak ${limits.maxItems}`,
        });
      else for (let i = current.length - 1; i >= 0; i--) visit(current[i], path, i);
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > limits.maxProperties) {
      problems.push({
        path,
        en: `has ${keys.length} properties; at most ${limits.maxProperties} are accepted`,
        id: `berisi ${keys.length} properti; paling banyak ${limits.maxProperties}`,
      });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.length > limits.maxStringLength || unstorable(key))
        checkString(key, childPath(path, key), 'name');
      visit((current as Record<string, unknown>)[key], path, key);
    }
  }
  return problems;
}

/** A JSON file as the CLI reads it: the same checks as an HTTP body; a missing file is a problem too. */
export async function readJsonFile(
  path: string,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): Promise<JsonInput> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      syntax: false,
      problems: [
        missing
          ? { path: '', en: 'file not found', id: 'berkas tidak ditemukan' }
          : {
              path: '',
              en: `cannot be read: ${(error as Error).message}`,
              id: `tidak dapat dibaca: ${(error as Error).message}`,
            },
      ],
    };
  }
  const text = decodeUtf8(bytes);
  return text.ok ? parseJsonInput(text.text, limits) : { ok: false, syntax: true, problems: [text.problem] };
}
