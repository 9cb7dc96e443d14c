import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { default as addFormats } from 'ajv-formats';
import type { Bundle } from './bundle';
import schema from './bundle.schema.json';

/** One reason a bundle is rejected: where (a path like `nodes[3].level`) and why, in English and Indonesian. */
export interface BundleProblem {
  readonly path: string;
  readonly en: string;
  readonly id: string;
  /** A stable name of the kind of problem where a reader may word it differently (e.g. `UNKNOWN_REFERENCE`). */
  readonly code?: string;
  /** What the message names (ids, the organisation), for such rewording. */
  readonly params?: Readonly<Record<string, string>>;
}

/** A workbook's sheet and cell, `Indikator!C14` (a JSON path never holds "!"). */
const CELL_ADDRESS = /^[^!]+![A-Z]{1,3}[0-9]+$/;

/** `path: reason`; a problem at a workbook cell says it in Indonesian first (the planner's language). */
export function formatProblem(problem: BundleProblem): string {
  if (CELL_ADDRESS.test(problem.path)) return `${problem.path}: ${problem.id} / ${problem.en}`;
  return `${problem.path || '(bundle)'}: ${problem.en} / ${problem.id}`;
}

export type BundleValidation =
  | { readonly ok: true; readonly bundle: Bundle }
  | { readonly ok: false; readonly problems: readonly BundleProblem[] };

const ITEM_ARRAYS = ['nodes', 'indicators', 'budgets', 'agreements', 'realisations', 'submissions'] as const;

/**
 * The compiled schema: compiled by the first validation, not when the module loads (compiling takes longer
 * than starting a command that never validates a bundle). An item schema (used for large bundles, checked
 * item by item) is compiled when first asked for.
 */
const compiled = (() => {
  let validators:
    | {
        readonly validate: ValidateFunction<Bundle>;
        readonly item: (name: (typeof ITEM_ARRAYS)[number]) => ValidateFunction;
      }
    | undefined;
  return () => {
    if (validators) return validators;
    // ajv and its formats are loaded here too: `sakip --help` and commands that read no bundle never load them.
    // The schema is ours and tested (bundle-schema.spec.ts): it is not checked against the meta-schema here.
    const ajv = new (module.require('ajv') as { default: typeof Ajv }).default({
      allErrors: true,
      strict: true,
      allowUnionTypes: true,
      validateSchema: false,
    });
    (module.require('ajv-formats') as { default: typeof addFormats }).default(ajv, ['date']);
    const validate = ajv.compile<Bundle>(schema);
    const items = new Map<string, ValidateFunction>();
    const item = (name: (typeof ITEM_ARRAYS)[number]): ValidateFunction => {
      let check = items.get(name);
      if (!check) items.set(name, (check = ajv.getSchema(`${schema.$id}#/properties/${name}/items`)!));
      return check;
    };
    validators = { validate, item };
    return validators;
  };
})();

/** `/nodes/3/level` → `nodes[3].level` */
export function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(error: ErrorObject): BundleProblem {
  const path = toPath(error.instancePath);
  const at = (child: string) => (path ? `${path}.${child}` : child);
  switch (error.keyword) {
    case 'required': {
      const field = (error.params as { missingProperty: string }).missingProperty;
      return { path: at(field), en: 'is required', id: 'wajib diisi' };
    }
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string }).additionalProperty;
      return {
        path: at(field),
        en: 'is not a field of sakip-bundle/2 (check the spelling)',
        id: 'bukan kolom sakip-bundle/2 (periksa ejaan)',
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
        .map((v) => JSON.stringify(v))
        .join(', ');
      return { path, en: `must be one of ${allowed}`, id: `harus salah satu dari ${allowed}` };
    }
    case 'const':
      return {
        path,
        en: `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`,
        id: `harus ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`,
      };
    case 'type': {
      const type = String((error.params as { type: string | string[] }).type).replace(',', ' or ');
      const article = /^[aeiou]/.test(type) ? 'an' : 'a';
      return {
        path,
        en: `must be ${article} ${type}`,
        id: `harus bertipe ${type.replace(' or ', ' atau ')}`,
      };
    }
    case 'format':
      return { path, en: 'must be a date written yyyy-mm-dd', id: 'harus tanggal dengan format yyyy-mm-dd' };
    case 'minimum':
    case 'maximum':
      return { path, en: 'must be a year between 1900 and 2200', id: 'harus tahun antara 1900 dan 2200' };
    case 'minLength':
      return { path, en: 'must not be empty', id: 'tidak boleh kosong' };
    case 'maxLength': {
      const limit = (error.params as { limit: number }).limit;
      return {
        path,
        en: `must be at most ${limit} characters long`,
        id: `paling panjang ${limit} karakter`,
      };
    }
    case 'propertyNames':
      return {
        path,
        en: 'target years must be written as four digits, e.g. "2025"',
        id: 'tahun target harus empat digit, mis. "2025"',
      };
    case 'pattern':
      if (path.endsWith('.period')) {
        return {
          path,
          en: 'must be a period: 2024, 2024-Q1…Q4, 2024-S1/S2 or 2024-01…12',
          id: 'harus periode: 2024, 2024-Q1…Q4, 2024-S1/S2 atau 2024-01…12',
        };
      }
      if (path === 'organisation.id') {
        return {
          path,
          en: 'must be a slug: lower-case letters, digits and "-"',
          id: 'harus slug: huruf kecil, angka dan "-"',
        };
      }
      if (error.params && (error.params as { pattern: string }).pattern.includes('4}$')) {
        return {
          path,
          en: 'target years must be written as four digits, e.g. "2025"',
          id: 'tahun target harus empat digit, mis. "2025"',
        };
      }
      return { path, en: 'must not contain spaces or ":"', id: 'tidak boleh mengandung spasi atau ":"' };
    default:
      return { path, en: error.message ?? 'is invalid', id: error.message ?? 'tidak valid' };
  }
}

function problemsOf(errors: readonly ErrorObject[]): BundleProblem[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => e.keyword !== 'if')
    .map(describe)
    .filter((p) => {
      const key = `${p.path}\n${p.en}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Checks a parsed JSON value against bundle.schema.json; every problem is reported, not just the first. */
export function validateBundleShape(input: unknown): BundleValidation {
  const { validate } = compiled();
  if (validate(input)) return { ok: true, bundle: input };
  return { ok: false, problems: problemsOf(validate.errors ?? []) };
}

/** Items validated between two turns of the event loop. */
const VALIDATE_SLICE = 2000;

/**
 * As `validateBundleShape`, with the same problems, but a large bundle is checked in slices of items with
 * other work let in between: validating a bundle of a hundred thousand items never holds the process.
 */
export async function validateBundleShapeInSlices(input: unknown): Promise<BundleValidation> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return validateBundleShape(input);
  const record = input as Record<string, unknown>;
  const arrays = ITEM_ARRAYS.filter((name) => Array.isArray(record[name]));
  const items = arrays.reduce((n, name) => n + (record[name] as unknown[]).length, 0);
  if (items <= VALIDATE_SLICE) return validateBundleShape(input);
  // The document without its items, then every item against its own schema.
  const { validate, item: validateItem } = compiled();
  const errors: ErrorObject[] = [];
  const frame = { ...record, ...Object.fromEntries(arrays.map((name) => [name, []])) };
  if (!validate(frame)) errors.push(...(validate.errors ?? []));
  let checked = 0;
  for (const name of arrays) {
    const list = record[name] as unknown[];
    const check = validateItem(name);
    for (let i = 0; i < list.length; i++) {
      if (!check(list[i]))
        for (const error of check.errors ?? [])
          errors.push({ ...error, instancePath: `/${name}/${i}${error.instancePath}` });
      if (++checked % VALIDATE_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return errors.length === 0
    ? { ok: true, bundle: input as Bundle }
    : { ok: false, problems: problemsOf(errors) };
}
