import type ExcelJS from 'exceljs';
import type { BundleProblem } from '../bundles/bundle-validation';
import { rawCell, readCell, type CellRead, type Message } from './cell-values';
import {
  AGREEMENTS_SHEET,
  BUDGETS_SHEET,
  DOCUMENT_COLUMNS,
  DOCUMENT_SHEET,
  findColumn,
  HELP_SHEET,
  INDICATORS_SHEET,
  NODES_SHEET,
  REALISATIONS_SHEET,
  WORKBOOK_SHEETS,
  STATEMENTS_SHEET,
  SUBMISSIONS_SHEET,
  TARGETS_SHEET,
  type ColumnSpec,
  type SheetSpec,
} from './layout';

/**
 * A workbook read into a `sakip-bundle/2` object, not yet validated: the bundle's own validation and the
 * import judge it, and `cells` says where each of its paths sits in the workbook, so their problems name a
 * sheet and a cell. `problems` are what only the workbook can get wrong (a float, an unknown sheet or
 * label, a target of an indicator the workbook lacks), each at its cell.
 */
export interface WorkbookReading {
  readonly bundle: Record<string, unknown>;
  /** Bundle path (`indicators[3].targets.2025`) → cell (`Target!C9`). */
  readonly cells: ReadonlyMap<string, string>;
  readonly problems: readonly BundleProblem[];
}

type Value = CellRead['value'];
type Item = Record<string, unknown>;

interface SheetRow {
  /** Row number in the sheet. */
  readonly row: number;
  readonly values: Readonly<Record<string, Value>>;
  /** Column key → cell address, for every column the sheet has. */
  readonly cells: Readonly<Record<string, string>>;
  /** The first cell of the row. */
  readonly first: string;
}

/** Cells of one bundle item: its own paths relative to the item (`""`, `name`, `source.table`). */
type ItemCells = Record<string, string>;

const address = (sheet: string, cell: string) => `${sheet}!${cell}`;

const message = (path: string, m: Message): BundleProblem => ({ path, id: m.id, en: m.en });

/** Drops absent fields, so an empty cell is a field the item does not have. */
function defined(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}

class Reader {
  readonly problems: BundleProblem[] = [];
  readonly cells = new Map<string, string>();

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  sheet(spec: SheetSpec): ExcelJS.Worksheet | undefined {
    const wanted = spec.name.toLowerCase();
    return this.workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === wanted);
  }

  problem(cell: string, m: Message): void {
    this.problems.push(message(cell, m));
  }

  register(path: string, cells: ItemCells): void {
    for (const [relative, cell] of Object.entries(cells))
      this.cells.set(relative === '' ? path : `${path}.${relative}`, cell);
  }

  /** Sheets that are neither the template's nor empty would be silently left out: say so. */
  checkSheets(): void {
    const known = new Set([HELP_SHEET, ...WORKBOOK_SHEETS.map((s) => s.name)].map((n) => n.toLowerCase()));
    for (const ws of this.workbook.worksheets) {
      if (known.has(ws.name.trim().toLowerCase())) continue;
      let filled: string | undefined;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          filled ??= cell.address;
        }),
      );
      if (filled)
        this.problem(address(ws.name, filled), {
          id: `lembar "${ws.name}" bukan lembar buku kerja SAKIP, jadi isinya tidak akan diimpor; hapus lembar ini atau pindahkan isinya ke lembar yang benar (${WORKBOOK_SHEETS.map((s) => s.name).join(', ')})`,
          en: `the sheet "${ws.name}" is not a sheet of the SAKIP workbook, so its content would not be imported; delete it or move its content to the right sheet (${WORKBOOK_SHEETS.map((s) => s.name).join(', ')})`,
        });
    }
  }

  read(sheetName: string, column: ColumnSpec, cell: ExcelJS.Cell): Value {
    const source = cell.isMerged && cell.master !== cell ? cell.master : cell;
    const read = readCell(column, rawCell(source.value, source.numFmt));
    if (read.problem) this.problem(address(sheetName, cell.address), read.problem);
    return read.value;
  }

  /** A table sheet's rows: columns found by their header (any order), empty rows skipped. */
  table(spec: SheetSpec): SheetRow[] {
    const ws = this.sheet(spec);
    if (!ws) return [];
    const name = ws.name;
    const columns = new Map<number, ColumnSpec>();
    const headerless = new Set<number>();
    ws.getRow(1).eachCell((cell, col) => {
      const text = rawCell(cell.value).type === 'text' ? String(readText(cell)).trim() : '';
      if (text === '') return;
      const column = findColumn(spec, text);
      if (!column) {
        this.problem(address(name, cell.address), {
          id: `kolom "${text}" bukan kolom lembar ${spec.name}, jadi isinya tidak akan diimpor; hapus kolom ini atau pindahkan isinya (kolom yang dikenal: ${spec.columns.map((c) => c.header).join(', ')})`,
          en: `"${text}" is not a column of the sheet ${spec.name}, so its content would not be imported; delete the column or move its content (known columns: ${spec.columns.map((c) => c.header).join(', ')})`,
        });
        headerless.add(col);
      } else if ([...columns.values()].includes(column)) {
        this.problem(address(name, cell.address), {
          id: `kolom "${column.header}" muncul dua kali`,
          en: `the column "${column.header}" appears twice`,
        });
        headerless.add(col);
      } else columns.set(col, column);
    });
    for (const column of spec.columns)
      if (column.required && ![...columns.values()].includes(column))
        this.problem(address(name, 'A1'), {
          id: `kolom "${column.header}" tidak ada di baris judul lembar ${spec.name}`,
          en: `the column "${column.header}" (${column.key}) is missing from the header row of ${spec.name}`,
        });
    const letters = Object.fromEntries(
      [...columns.entries()].map(([col, column]) => [column.key, ws.getColumn(col).letter]),
    );
    const rows: SheetRow[] = [];
    const reported = new Set<number>();
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const values: Record<string, Value> = {};
      let filled = false;
      row.eachCell((cell, col) => {
        const column = columns.get(col);
        if (!column) {
          if (!headerless.has(col) && !reported.has(col)) {
            reported.add(col);
            this.problem(address(name, cell.address), {
              id: `sel di kolom tanpa judul; isinya tidak akan diimpor (beri judul kolom yang dikenal atau pindahkan isinya)`,
              en: `a cell in a column without a header; its content would not be imported (give the column a known header or move it)`,
            });
          }
          return;
        }
        filled = true;
        values[column.key] = this.read(name, column, cell);
      });
      if (!filled) return;
      const cells = Object.fromEntries(
        Object.entries(letters).map(([key, letter]) => [key, address(name, `${letter}${r}`)]),
      );
      rows.push({ row: r, values, cells, first: address(name, `A${r}`) });
    });
    return rows;
  }

  /** `Dokumen`: one field per row, found by its label in the first column. */
  documentFields(): { values: Record<string, Value>; cells: Record<string, string> } {
    const ws = this.sheet(DOCUMENT_SHEET);
    const values: Record<string, Value> = {};
    const cells: Record<string, string> = {};
    if (!ws) {
      this.problem(address(DOCUMENT_SHEET.name, 'A1'), {
        id: `lembar ${DOCUMENT_SHEET.name} tidak ada: perangkat daerah dan dokumen wajib diisi`,
        en: `the sheet ${DOCUMENT_SHEET.name} is missing: the organisation and the document are required`,
      });
      return { values, cells };
    }
    const name = ws.name;
    ws.eachRow((row, r) => {
      const labelCell = row.getCell(1);
      const valueCell = row.getCell(2);
      const label = String(readText(labelCell) ?? '').trim();
      if (label === '') {
        if (valueCell.value !== null && valueCell.value !== undefined)
          this.problem(address(name, valueCell.address), {
            id: 'nilai tanpa isian di kolom A; tulis nama isiannya',
            en: 'a value without a field name in column A; write the field name',
          });
        return;
      }
      if (r === 1 && label.toLowerCase() === DOCUMENT_COLUMNS.label.toLowerCase()) return;
      const column = findColumn(DOCUMENT_SHEET, label);
      if (!column) {
        this.problem(address(name, labelCell.address), {
          id: `isian "${label}" tidak dikenal (isian: ${DOCUMENT_SHEET.columns.map((c) => c.header).join(', ')})`,
          en: `"${label}" is not a field of the sheet (fields: ${DOCUMENT_SHEET.columns.map((c) => c.header).join(', ')})`,
        });
        return;
      }
      if (column.key in cells) {
        this.problem(address(name, labelCell.address), {
          id: `isian "${column.header}" muncul dua kali`,
          en: `the field "${column.header}" appears twice`,
        });
        return;
      }
      cells[column.key] = address(name, valueCell.address);
      values[column.key] = this.read(name, column, valueCell);
    });
    return { values, cells };
  }
}

function readText(cell: ExcelJS.Cell): string | undefined {
  const raw = rawCell(cell.value);
  return raw.type === 'text' ? raw.text : raw.type === 'number' ? String(raw.value) : undefined;
}

const SOURCE_KEYS = { sourceTable: 'table', sourcePage: 'page', sourceRow: 'row' } as const;

/** The `source` of a row and the cells of its parts. */
function sourceOf(row: SheetRow): { source?: Item; cells: ItemCells } {
  const source = defined(
    Object.fromEntries(Object.entries(SOURCE_KEYS).map(([key, field]) => [field, row.values[key]])),
  );
  const cells: ItemCells = {};
  for (const [key, field] of Object.entries(SOURCE_KEYS)) {
    const cell = row.cells[key];
    if (cell) cells[`source.${field}`] = cell;
  }
  const table = row.cells['sourceTable'] ?? row.cells['sourcePage'] ?? row.cells['sourceRow'];
  if (table) cells['source'] = table;
  return Object.keys(source).length > 0 ? { source, cells } : { cells };
}

/** Cells of an item whose fields are named as its columns. */
function fieldCells(row: SheetRow, fields: Readonly<Record<string, string>>, self?: string): ItemCells {
  const cells: ItemCells = { '': (self ? row.cells[self] : undefined) ?? row.first };
  for (const [key, path] of Object.entries(fields)) {
    const cell = row.cells[key];
    if (cell) cells[path] = cell;
  }
  return cells;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

interface Pending {
  readonly item: Item;
  readonly cells: ItemCells;
}

/** Reads a `.xlsx` workbook (`sakip template`, `sakip export --format xlsx`, or one filled by hand). */
export async function readWorkbook(bytes: Buffer | Uint8Array): Promise<WorkbookReading> {
  // The spreadsheet library is loaded by the first workbook read, not by every command that reads JSON.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    return {
      bundle: {},
      cells: new Map(),
      problems: [
        {
          path: '',
          id: `bukan buku kerja .xlsx yang dapat dibaca: ${(error as Error).message}`,
          en: `not a readable .xlsx workbook: ${(error as Error).message}`,
        },
      ],
    };
  }
  const reader = new Reader(workbook);
  reader.checkSheets();
  const bundle = readBundle(reader);
  return { bundle, cells: reader.cells, problems: sortProblems(reader.problems) };
}

function readBundle(reader: Reader): Record<string, unknown> {
  const doc = reader.documentFields();
  const v = doc.values;
  const organisation = defined({
    id: v['organisationId'],
    name: v['organisationName'],
    government: v['government'],
    province: v['province'],
  });
  const period = defined({ start: v['periodStart'], end: v['periodEnd'] });
  const document = defined({
    kind: v['kind'],
    title: v['title'],
    legalBasis: v['legalBasis'],
    issuedOn: v['issuedOn'],
    period,
  });
  const fallback = `${DOCUMENT_SHEET.name}!A1`;
  reader.register('', { '': fallback, format: fallback, organisation: fallback, document: fallback });
  reader.register('organisation', {
    id: doc.cells['organisationId'] ?? fallback,
    name: doc.cells['organisationName'] ?? fallback,
    government: doc.cells['government'] ?? fallback,
    province: doc.cells['province'] ?? fallback,
  });
  const start = doc.cells['periodStart'] ?? fallback;
  reader.register('document', {
    kind: doc.cells['kind'] ?? fallback,
    title: doc.cells['title'] ?? fallback,
    legalBasis: doc.cells['legalBasis'] ?? fallback,
    issuedOn: doc.cells['issuedOn'] ?? fallback,
    period: start,
    'period.start': start,
    'period.end': doc.cells['periodEnd'] ?? start,
  });

  const nodes = readNodes(reader);
  const indicators = readIndicators(reader);
  const budgets = readBudgets(reader, nodes);
  // The order the import first touches indicator streams: this document's, then those PK rows name.
  const indicatorIds = indicators.map((i) => i['id']).filter((id): id is string => typeof id === 'string');
  const agreements = readAgreements(reader, indicatorIds);
  const realisations = readRealisations(reader, [
    ...indicatorIds,
    ...agreements.map((a) => a['indicator']).filter((id): id is string => typeof id === 'string'),
  ]);
  const submissions = readSubmissions(reader);
  return {
    format: 'sakip-bundle/2',
    organisation,
    document,
    nodes,
    indicators,
    budgets,
    agreements,
    realisations,
    submissions,
  };
}

function readNodes(reader: Reader): Item[] {
  const fields = { id: 'id', level: 'level', code: 'code', name: 'name', parent: 'parent', role: 'role' };
  return reader.table(NODES_SHEET).map((row, i) => {
    const { source, cells } = sourceOf(row);
    const values = row.values;
    reader.register(`nodes[${i}]`, {
      ...fieldCells(row, { ...fields, alignsTo: 'alignsTo' }, 'id'),
      ...cells,
    });
    return defined({
      id: values['id'],
      level: values['level'],
      name: values['name'],
      parent: values['parent'],
      code: values['code'],
      alignsTo: values['alignsTo'],
      role: values['role'],
      source,
    });
  });
}

const INDICATOR_FIELDS = {
  id: 'id',
  node: 'node',
  name: 'name',
  unit: 'unit',
  formula: 'formula',
  polarity: 'polarity',
  iku: 'iku',
  ikk: 'ikk',
  finalTarget: 'finalTarget',
  aggregation: 'aggregation',
  dataSource: 'dataSource',
  role: 'role',
  baselineYear: 'baseline.year',
  baseline: 'baseline.value',
};

function readIndicators(reader: Reader): Item[] {
  const rows = reader.table(INDICATORS_SHEET);
  const indicators = rows.map((row) => {
    const v = row.values;
    const { source } = sourceOf(row);
    const baseline =
      v['baselineYear'] !== undefined || v['baseline'] !== undefined
        ? defined({ year: v['baselineYear'], value: v['baseline'] })
        : undefined;
    return defined({
      id: v['id'],
      node: v['node'],
      name: v['name'],
      unit: v['unit'],
      formula: v['formula'],
      polarity: v['polarity'],
      iku: v['iku'],
      ikk: v['ikk'],
      baseline,
      finalTarget: v['finalTarget'],
      aggregation: v['aggregation'],
      dataSource: v['dataSource'],
      role: v['role'],
      source,
    });
  });
  rows.forEach((row, i) => {
    const cells = fieldCells(row, INDICATOR_FIELDS, 'id');
    cells['baseline'] = row.cells['baseline'] ?? row.cells['baselineYear'] ?? row.first;
    reader.register(`indicators[${i}]`, { ...cells, ...sourceOf(row).cells });
  });

  // The first row of an id: targets and statements belong to it (a repeated id is the import's problem).
  const byId = new Map<string, { index: number; row: SheetRow; item: Item }>();
  indicators.forEach((item, index) => {
    const id = item['id'];
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, { index, row: rows[index]!, item });
  });
  const targets = new Map<number, Record<string, unknown>>();
  const statements = new Map<number, Pending[]>();
  const owner = (row: SheetRow, sheet: SheetSpec) => {
    const id = row.values['indicator'];
    const cell = row.cells['indicator'] ?? row.first;
    if (id === undefined) {
      reader.problem(cell, { id: 'wajib diisi', en: 'is required' });
      return undefined;
    }
    const found = byId.get(String(id));
    if (!found)
      reader.problem(cell, {
        id: `indikator "${String(id)}" tidak ada di lembar ${INDICATORS_SHEET.name}; ${sheet.name} hanya untuk indikator dokumen ini`,
        en: `the indicator "${String(id)}" is not in the sheet ${INDICATORS_SHEET.name}; ${sheet.name} rows belong to this document's indicators`,
      });
    return found;
  };
  const addStatement = (index: number, pending: Pending) =>
    statements.set(index, [...(statements.get(index) ?? []), pending]);

  const targetRows = reader.table(TARGETS_SHEET);
  const marked = new Map<string, number>();
  for (const row of targetRows) {
    if (row.values['statement'] === 'main' && row.values['year'] !== undefined) {
      const key = `${String(row.values['indicator'])}|${String(row.values['year'])}`;
      marked.set(key, (marked.get(key) ?? 0) + 1);
    }
  }
  const taken = new Set<string>();
  for (const row of targetRows) {
    const found = owner(row, TARGETS_SHEET);
    if (!found) continue;
    const { year, value, statement } = row.values;
    const key = `${String(row.values['indicator'])}|${String(year)}`;
    const valueCell = row.cells['value'] ?? row.first;
    const kindCell = row.cells['statement'] ?? row.first;
    let main = false;
    if (year === undefined) {
      if (statement === 'main')
        reader.problem(kindCell, {
          id: 'target utama perlu tahun',
          en: 'a main target needs a year',
        });
    } else if (statement === 'main') {
      main = !taken.has(key);
      if (!main)
        reader.problem(kindCell, {
          id: `indikator dan tahun ${year} sudah punya baris target utama; tandai baris ini "tambahan"`,
          en: `the indicator already has a main target row for ${year}; mark this row "tambahan" (further)`,
        });
    } else if (statement === undefined) main = !marked.has(key) && !taken.has(key);
    if (main) {
      taken.add(key);
      const { source } = sourceOf(row);
      if (source && !same(source, found.item['source']))
        reader.problem(row.cells['sourceTable'] ?? row.first, {
          id: `target utama bersumber baris indikatornya (${found.row.cells['sourceTable'] ?? found.row.first}); kosongkan Tabel/Halaman/Baris atau tandai baris ini "tambahan"`,
          en: `a main target takes its source from its indicator's row (${found.row.cells['sourceTable'] ?? found.row.first}); leave Tabel/Halaman/Baris empty or mark this row "tambahan" (further)`,
        });
      if (value === undefined || value === null)
        reader.problem(valueCell, {
          id: 'nilai target wajib diisi (ketik "-" bila dokumen mencetaknya kosong)',
          en: 'the target value is required (type "-" where the document prints it empty)',
        });
      const own = targets.get(found.index) ?? {};
      own[String(year)] = value ?? undefined;
      targets.set(found.index, own);
      reader.register(`indicators[${found.index}].targets.${String(year)}`, { '': valueCell });
      continue;
    }
    const { source, cells } = sourceOf(row);
    addStatement(found.index, {
      item: defined({ field: 'target', year, value: value === undefined ? null : value, source }),
      cells: { ...fieldCells(row, { year: 'year', value: 'value' }, 'indicator'), field: kindCell, ...cells },
    });
  }

  for (const row of reader.table(STATEMENTS_SHEET)) {
    const found = owner(row, STATEMENTS_SHEET);
    if (!found) continue;
    const { field, year, value } = row.values;
    const { source, cells } = sourceOf(row);
    addStatement(found.index, {
      item: defined({ field, year, value: value === undefined ? null : value, source }),
      cells: { ...fieldCells(row, { field: 'field', year: 'year', value: 'value' }, 'indicator'), ...cells },
    });
  }

  return indicators.map((item, index) => {
    const own = targets.get(index);
    const further = statements.get(index) ?? [];
    further.forEach((pending, j) => reader.register(`indicators[${index}].statements[${j}]`, pending.cells));
    return defined({
      ...item,
      targets: own ? defined(own) : undefined,
      statements: further.length > 0 ? further.map((p) => p.item) : undefined,
    });
  });
}

/**
 * Rows grouped the way the import stores them (each node's or indicator's rows together, in the order of
 * their first appearance; the document's own rows first), keeping their order within each group: that
 * order is what decides which row is the primary one, and it is all the stored events keep.
 */
function grouped<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  first: readonly string[],
): T[] {
  const order = new Map<string, number>();
  for (const id of first) if (!order.has(id)) order.set(id, order.size);
  for (const item of items) {
    const id = key(item);
    if (id !== undefined && !order.has(id)) order.set(id, order.size);
  }
  const rank = (item: T) => {
    const id = key(item);
    return id === undefined ? -1 : order.get(id)!;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map(({ item }) => item);
}

function readBudgets(reader: Reader, nodes: readonly Item[]): Item[] {
  const rows: Pending[] = reader.table(BUDGETS_SHEET).map((row) => {
    const { node, year, kind, amount } = row.values;
    const { source, cells } = sourceOf(row);
    const yearCell = row.cells['year'] ?? row.first;
    return {
      item: defined({
        node,
        year: year === 'total' ? undefined : year,
        total: year === 'total' ? true : undefined,
        kind,
        amount: amount === undefined ? null : amount,
        source,
      }),
      cells: {
        ...fieldCells(row, { node: 'node', kind: 'kind', amount: 'amount' }),
        '': yearCell,
        year: yearCell,
        total: yearCell,
        ...cells,
      },
    };
  });
  const nodeIds = nodes.map((n) => n['id']).filter((id): id is string => typeof id === 'string');
  return grouped(rows, (p) => p.item['node'] as string | undefined, nodeIds).map((pending, i) => {
    reader.register(`budgets[${i}]`, pending.cells);
    return pending.item;
  });
}

function readAgreements(reader: Reader, indicatorIds: readonly string[]): Item[] {
  const rows: Pending[] = reader.table(AGREEMENTS_SHEET).map((row) => {
    const { year, indicator, target, signedOn } = row.values;
    const { source, cells } = sourceOf(row);
    return {
      item: defined({ year, signedOn, indicator, target, source }),
      cells: {
        ...fieldCells(
          row,
          { indicator: 'indicator', year: 'year', target: 'target', signedOn: 'signedOn' },
          'indicator',
        ),
        ...cells,
      },
    };
  });
  return grouped(rows, indicatorOf, indicatorIds).map((pending, i) => {
    reader.register(`agreements[${i}]`, pending.cells);
    return pending.item;
  });
}

function readRealisations(reader: Reader, indicatorIds: readonly string[]): Item[] {
  const rows: Pending[] = reader.table(REALISATIONS_SHEET).map((row) => {
    const { indicator, period, value, target, reportedAchievement, reportedOn } = row.values;
    const { source, cells } = sourceOf(row);
    return {
      item: defined({
        indicator,
        period,
        value: value === undefined ? null : value,
        target,
        reportedAchievement,
        reportedOn,
        source,
      }),
      cells: {
        ...fieldCells(
          row,
          {
            indicator: 'indicator',
            period: 'period',
            value: 'value',
            target: 'target',
            reportedAchievement: 'reportedAchievement',
            reportedOn: 'reportedOn',
          },
          'indicator',
        ),
        ...cells,
      },
    };
  });
  return grouped(rows, indicatorOf, indicatorIds).map((pending, i) => {
    reader.register(`realisations[${i}]`, pending.cells);
    return pending.item;
  });
}

const indicatorOf = (p: Pending) => {
  const id = p.item['indicator'];
  return typeof id === 'string' ? id : undefined;
};

function readSubmissions(reader: Reader): Item[] {
  return reader.table(SUBMISSIONS_SHEET).map((row, i) => {
    const { kind, year, submittedOn } = row.values;
    reader.register(
      `submissions[${i}]`,
      fieldCells(row, { kind: 'kind', year: 'year', submittedOn: 'submittedOn' }, 'kind'),
    );
    return defined({ kind, year, submittedOn });
  });
}

/** Sheet order of the workbook, then row, then column. */
export function cellOrder(cell: string): [number, number, number] {
  const match = /^(.*)!([A-Z]+)(\d+)$/.exec(cell);
  if (!match) return [-1, 0, 0];
  const sheets = WORKBOOK_SHEETS.map((s) => s.name.toLowerCase());
  const sheet = sheets.indexOf(match[1]!.toLowerCase());
  const column = [...match[2]!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  return [sheet < 0 ? sheets.length : sheet, Number(match[3]), column];
}

export function sortProblems<P extends { readonly path: string }>(problems: readonly P[]): P[] {
  const compare = (a: P, b: P) => {
    const [x, y] = [cellOrder(a.path), cellOrder(b.path)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  return [...problems].sort(compare);
}
