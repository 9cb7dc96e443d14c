import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BundleImporter, ImportContext, ImportOutcome, ImportWarning } from '../bundles/bundle-import';
import type { BundleProblem } from '../bundles/bundle-validation';
import { readJsonFile } from '../shared/json-input';
import { workbookProblems, workbookWarnings } from './problem-cells';
import { readWorkbook } from './workbook-reader';

/** The media type of a `.xlsx` workbook (what `POST /bundles` accepts besides JSON). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A document as a file gives it, ready for the one validation and import: a JSON bundle as parsed, or the
 * bundle a workbook's reader made, with the problems only the workbook has and a way to say the bundle's
 * problems and warnings where the file has them (a workbook's sheet and cell).
 */
export interface DocumentInput {
  readonly format: 'json' | 'xlsx';
  readonly bundle: unknown;
  /** Problems found while reading the file; any of them refuses the document. */
  readonly problems: readonly BundleProblem[];
  /** Every problem of the document: the file's own and the bundle's, where the file has them. */
  allProblems(bundleProblems: readonly BundleProblem[]): BundleProblem[];
  /** Warnings of an import, where the file has them. */
  locateWarnings(warnings: readonly ImportWarning[]): ImportWarning[];
}

/** The organisation a document is about, as its bundle names it (undefined when it names none). */
export function organisationIdOf(document: DocumentInput): string | undefined {
  const bundle = document.bundle as { organisation?: { id?: unknown } } | null;
  const id = typeof bundle === 'object' && bundle !== null ? bundle.organisation?.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

export function isDocumentInput(value: unknown): value is DocumentInput {
  return (
    typeof value === 'object' &&
    value !== null &&
    'allProblems' in value &&
    'locateWarnings' in value &&
    'format' in value
  );
}

export function jsonDocument(bundle: unknown): DocumentInput {
  return {
    format: 'json',
    bundle,
    problems: [],
    allProblems: (problems) => [...problems],
    locateWarnings: (warnings) => [...warnings],
  };
}

export async function workbookDocument(bytes: Buffer | Uint8Array): Promise<DocumentInput> {
  const reading = await readWorkbook(bytes);
  return {
    format: 'xlsx',
    bundle: reading.bundle,
    problems: reading.problems,
    allProblems: (problems) => workbookProblems(reading, problems),
    locateWarnings: (warnings) => workbookWarnings(reading, warnings),
  };
}

export function isWorkbookFile(file: string): boolean {
  return extname(file).toLowerCase() === '.xlsx';
}

export type DocumentFile =
  | { readonly ok: true; readonly input: DocumentInput }
  | { readonly ok: false; readonly problems: readonly BundleProblem[] };

/**
 * Reads a bundle file: `.xlsx` as a workbook, anything else as JSON read as the HTTP door reads a body
 * (BOM dropped, line and column of a syntax error, bounded nesting, lossless numbers).
 */
export async function readDocumentFile(file: string): Promise<DocumentFile> {
  if (!isWorkbookFile(file)) {
    const json = await readJsonFile(file);
    return json.ok ? { ok: true, input: jsonDocument(json.value) } : { ok: false, problems: json.problems };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      problems: [
        {
          path: '',
          id: missing ? 'berkas tidak ditemukan' : `berkas tidak dapat dibaca: ${(error as Error).message}`,
          en: missing ? 'file not found' : `the file cannot be read: ${(error as Error).message}`,
        },
      ],
    };
  }
  return { ok: true, input: await workbookDocument(bytes) };
}

/**
 * Imports a document from a file, all or nothing. A workbook with problems of its own is still validated
 * (without storing), so the planner hears of every problem at once, each at its cell.
 */
export async function importDocument(
  importer: BundleImporter,
  input: DocumentInput,
  context: ImportContext,
): Promise<ImportOutcome> {
  if (input.problems.length > 0)
    return { ok: false, problems: input.allProblems(await importer.validate(input.bundle)) };
  const outcome = await importer.import(input.bundle, context);
  if (!outcome.ok) return { ok: false, problems: input.allProblems(outcome.problems) };
  return {
    ok: true,
    summary: { ...outcome.summary, warnings: input.locateWarnings(outcome.summary.warnings) },
  };
}
