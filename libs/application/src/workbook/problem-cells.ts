import type { BundleProblem } from '../bundles/bundle-validation';
import {
  AGREEMENTS_SHEET,
  BUDGETS_SHEET,
  DOCUMENT_SHEET,
  INDICATORS_SHEET,
  NODES_SHEET,
  REALISATIONS_SHEET,
  SUBMISSIONS_SHEET,
} from './layout';
import { sortProblems, type WorkbookReading } from './workbook-reader';

/** Where a top-level part of a bundle lives when no cell of it is known. */
const SHEET_OF: Readonly<Record<string, string>> = {
  nodes: NODES_SHEET.name,
  indicators: INDICATORS_SHEET.name,
  budgets: BUDGETS_SHEET.name,
  agreements: AGREEMENTS_SHEET.name,
  realisations: REALISATIONS_SHEET.name,
  submissions: SUBMISSIONS_SHEET.name,
};

/** The cell of a bundle path: the path's own, else its nearest parent's, else the sheet's first cell. */
export function cellOf(cells: ReadonlyMap<string, string>, path: string): string {
  let current = path;
  for (;;) {
    const cell = cells.get(current);
    if (cell) return cell;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) break;
    current = current.slice(0, cut);
  }
  const top = /^[a-z]+/i.exec(path)?.[0] ?? '';
  return `${SHEET_OF[top] ?? DOCUMENT_SHEET.name}!A1`;
}

/** Bundle paths inside a message ("also nodes[6]") become cells ("juga Pohon Kinerja!A8"). */
const PATH_IN_TEXT =
  /\b(?:nodes|indicators|budgets|agreements|realisations|submissions)\[\d+\](?:\.[A-Za-z0-9_]+|\[\d+\])*/g;

const SHEET_OF_REFERENCE = { node: NODES_SHEET.name, indicator: INDICATORS_SHEET.name } as const;

/** A problem of the bundle, said at its cell and in a planner's words where the workbook has better ones. */
function atCell(cells: ReadonlyMap<string, string>, problem: BundleProblem): BundleProblem {
  const cell = cellOf(cells, problem.path);
  const inText = (text: string) => text.replace(PATH_IN_TEXT, (path) => cellOf(cells, path));
  const { code, params } = problem;
  if (code === 'UNKNOWN_REFERENCE' && params) {
    const kind = params['kind'] === 'indicator' ? 'indicator' : 'node';
    const sheet = SHEET_OF_REFERENCE[kind];
    return {
      path: cell,
      id: `${kind === 'node' ? 'node' : 'indikator'} "${params['ref']}" tidak ada di ${kind === 'node' ? sheet : `lembar ${sheet}`} maupun impor sebelumnya untuk ${params['organisationId']}`,
      en: `${kind} "${params['ref']}" is neither in ${sheet} nor imported before for ${params['organisationId']}`,
      code,
      params,
    };
  }
  if (code === 'BUDGET_YEAR_OR_TOTAL')
    return {
      path: cell,
      id: 'isi Tahun dengan tahun, atau "akhir periode" untuk kolom akhir periode',
      en: 'fill Tahun with a year, or "akhir periode" for an end-of-period column',
      code,
    };
  return { ...problem, path: cell, id: inText(problem.id), en: inText(problem.en) };
}

/**
 * Every problem of a workbook in one list, each at its sheet and cell: what the reader found, then what the
 * bundle's validation and the import found, said where the workbook has it. One problem per cell (the
 * reader's, which knows the cell best), in sheet, row and column order.
 */
export function workbookProblems(
  reading: WorkbookReading,
  bundleProblems: readonly BundleProblem[],
): BundleProblem[] {
  const located = bundleProblems.map((p) => atCell(reading.cells, p));
  const seen = new Set(reading.problems.map((p) => p.path));
  const all = [...reading.problems];
  for (const problem of located) {
    const key = `${problem.path}|${problem.en}`;
    if (seen.has(problem.path) || seen.has(key)) continue;
    seen.add(key);
    all.push(problem);
  }
  return sortProblems(all);
}

/** Warnings of an import (kept values worth a look), at their cells. */
export function workbookWarnings<
  W extends { readonly path: string; readonly en: string; readonly id: string },
>(reading: WorkbookReading, warnings: readonly W[]): W[] {
  return warnings.map((w) => ({ ...w, path: cellOf(reading.cells, w.path) }));
}
