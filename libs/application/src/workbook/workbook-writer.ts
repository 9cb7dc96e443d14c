import type ExcelJS from 'exceljs';
import type { RawValue } from '@sakip/domain';
import type { Bundle, BundleSource } from '../bundles/bundle';
import { displayNumber } from './cell-values';
import {
  AGGREGATION_CHOICES,
  BUDGET_KIND_CHOICES,
  choiceLabel,
  DOCUMENT_COLUMNS,
  DOCUMENT_KIND_CHOICES,
  DOCUMENT_SHEET,
  END_OF_PERIOD,
  FLAG_CHOICES,
  HELP_SHEET,
  LEVEL_CHOICES,
  POLARITY_CHOICES,
  ROLE_CHOICES,
  WORKBOOK_SHEETS,
  STATEMENT_FIELD_CHOICES,
  TARGET_STATEMENT_CHOICES,
  type ColumnSpec,
  type SheetSpec,
} from './layout';

/** What one cell gets: text, a number, #N/A (null: the row has the column but no cell), or nothing. */
type Content = string | number | null | undefined;
type Row = Readonly<Record<string, Content>>;

/** Rows below the data that still carry the lists and checks, for the planner to fill. */
const ROWS_TO_FILL = 1000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A document value as the workbook shows it: the printed text; a JSON number in Indonesian notation. */
function printed(value: RawValue | null | undefined, missing: 'empty' | 'na' = 'empty'): Content {
  if (value === undefined) return undefined;
  if (value === null) return missing === 'na' ? null : undefined;
  return typeof value === 'number' ? displayNumber(value) : value;
}

const label = (choices: Parameters<typeof choiceLabel>[0], id: string | undefined) =>
  id === undefined ? undefined : choiceLabel(choices, id);
const flag = (value: boolean | undefined) =>
  label(FLAG_CHOICES, value === undefined ? undefined : String(value));

function sourceCells(source: BundleSource | undefined): Row {
  return { sourceTable: source?.table, sourcePage: source?.page, sourceRow: source?.row };
}

/** The rows of each table sheet for a bundle (none for the template). */
function rowsOf(bundle: Bundle | undefined): Record<SheetSpec['key'], Row[]> {
  const indicators = bundle?.indicators ?? [];
  return {
    document: [],
    nodes: (bundle?.nodes ?? []).map((n) => ({
      id: n.id,
      level: label(LEVEL_CHOICES, n.level),
      code: n.code,
      name: n.name,
      parent: n.parent,
      role: label(ROLE_CHOICES, n.role),
      alignsTo: n.alignsTo,
      ...sourceCells(n.source),
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      node: i.node,
      name: i.name,
      unit: i.unit,
      formula: i.formula,
      polarity: label(POLARITY_CHOICES, i.polarity),
      iku: flag(i.iku),
      ikk: flag(i.ikk),
      baselineYear: i.baseline?.year,
      baseline: printed(i.baseline?.value),
      finalTarget: printed(i.finalTarget),
      aggregation: label(AGGREGATION_CHOICES, i.aggregation),
      dataSource: i.dataSource,
      role: label(ROLE_CHOICES, i.role),
      ...sourceCells(i.source),
    })),
    // Per indicator: the main target of each year (its source is the indicator's), then the further
    // statements in the bundle's order; one whose year has no main row is marked, or it would be read as one.
    targets: indicators.flatMap((i) => {
      const main = Object.entries(i.targets ?? {})
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([year, value]) => ({ indicator: i.id, year: Number(year), value: printed(value) }));
      const further = (i.statements ?? [])
        .filter((s) => s.field === 'target')
        .map((s) => ({
          indicator: i.id,
          year: s.year,
          value: printed(s.value),
          statement:
            s.year !== undefined && i.targets?.[String(s.year)] === undefined
              ? label(TARGET_STATEMENT_CHOICES, 'further')
              : undefined,
          ...sourceCells(s.source),
        }));
      return [...main, ...further];
    }),
    statements: indicators.flatMap((i) =>
      (i.statements ?? [])
        .filter((s) => s.field !== 'target')
        .map((s) => ({
          indicator: i.id,
          field: label(STATEMENT_FIELD_CHOICES, s.field),
          year: s.year,
          value: printed(s.value),
          ...sourceCells(s.source),
        })),
    ),
    budgets: (bundle?.budgets ?? []).map((b) => ({
      node: b.node,
      year: b.year ?? (b.total ? END_OF_PERIOD.label : undefined),
      kind: label(BUDGET_KIND_CHOICES, b.kind),
      amount: printed(b.amount),
      ...sourceCells(b.source),
    })),
    agreements: (bundle?.agreements ?? []).map((a) => ({
      indicator: a.indicator,
      year: a.year,
      target: printed(a.target),
      signedOn: a.signedOn,
      ...sourceCells(a.source),
    })),
    realisations: (bundle?.realisations ?? []).map((r) => ({
      indicator: r.indicator,
      period: r.period,
      value: printed(r.value),
      target: printed(r.target, 'na'),
      reportedAchievement: printed(r.reportedAchievement),
      reportedOn: r.reportedOn,
      ...sourceCells(r.source),
    })),
    submissions: (bundle?.submissions ?? []).map((s) => ({
      kind: label(DOCUMENT_KIND_CHOICES, s.kind),
      year: s.year,
      submittedOn: s.submittedOn,
    })),
  };
}

function documentValues(bundle: Bundle | undefined): Row {
  if (!bundle) return {};
  const { organisation: o, document: d } = bundle;
  return {
    organisationId: o.id,
    organisationName: o.name,
    government: o.government,
    province: o.province,
    kind: label(DOCUMENT_KIND_CHOICES, d.kind),
    title: d.title,
    legalBasis: d.legalBasis,
    issuedOn: d.issuedOn,
    periodStart: d.period.start,
    periodEnd: d.period.end,
  };
}

function put(cell: ExcelJS.Cell, content: Content): void {
  if (content === undefined) return;
  cell.value = content === null ? { error: '#N/A' } : content;
}

/** Typed entries in these columns stay text: Excel does not turn "1.06" or "2024-03" into a number or date. */
const textKinds = new Set<ColumnSpec['kind']>(['id', 'text', 'value', 'period', 'date', 'choice', 'flag']);

/** exceljs's validation, with the `any` type (a prompt only) its typings leave out. */
type Validation = Omit<ExcelJS.DataValidation, 'type' | 'formulae'> &
  ({ type: ExcelJS.DataValidation['type']; formulae: unknown[] } | { type: 'any' });

/** exceljs keeps a sheet's validations by range; its typings do not show them. */
function addValidation(ws: ExcelJS.Worksheet, range: string, rule: Validation): void {
  (ws as unknown as { dataValidations: { add(range: string, rule: Validation): void } }).dataValidations.add(
    range,
    rule,
  );
}

function validation(column: ColumnSpec, at: string): Validation {
  // Excel's limits: a title of 32 characters, a prompt of 255, an error message of 225.
  const prompt = {
    showInputMessage: true,
    promptTitle: column.header.slice(0, 32),
    prompt: column.help.slice(0, 255),
  };
  const warn = { showErrorMessage: true, errorStyle: 'warning', error: column.help.slice(0, 225) } as const;
  const list = (labels: readonly string[]): Validation => ({
    type: 'list',
    allowBlank: true,
    formulae: [`"${labels.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: column.header.slice(0, 32),
    error: column.help.slice(0, 225),
    ...prompt,
  });
  switch (column.kind) {
    case 'choice':
      return list((column.choices ?? []).map((c) => c.label));
    case 'flag':
      return list(FLAG_CHOICES.map((c) => c.label));
    case 'year':
      return {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [1900, 2200],
        ...warn,
        ...prompt,
      };
    case 'year-or-total':
      return {
        type: 'custom',
        allowBlank: true,
        formulae: [`OR(${at}="${END_OF_PERIOD.label}",AND(ISNUMBER(${at}),${at}>=1900,${at}<=2200))`],
        ...warn,
        ...prompt,
      };
    case 'period': {
      const part = `MID(${at},6,2)`;
      const formula =
        `OR(AND(LEN(${at})=4,ISNUMBER(--${at})),AND(LEN(${at})=7,ISNUMBER(--LEFT(${at},4)),MID(${at},5,1)="-",` +
        `OR(${['Q1', 'Q2', 'Q3', 'Q4', 'S1', 'S2'].map((p) => `${part}="${p}"`).join(',')},` +
        `AND(ISNUMBER(--${part}),--${part}>=1,--${part}<=12))))`;
      return { type: 'custom', allowBlank: true, formulae: [formula], ...warn, ...prompt };
    }
    case 'date':
      return {
        type: 'custom',
        allowBlank: true,
        formulae: [
          `OR(ISNUMBER(${at}),AND(LEN(${at})=10,MID(${at},5,1)="-",MID(${at},8,1)="-",ISNUMBER(--LEFT(${at},4))))`,
        ],
        ...warn,
        ...prompt,
      };
    case 'id':
    case 'text':
    case 'value':
    case 'locator':
      return { type: 'any', allowBlank: true, ...prompt };
    default: {
      const never: never = column.kind;
      return never;
    }
  }
}

function styleHeader(cell: ExcelJS.Cell, note: string): void {
  cell.font = { bold: true };
  cell.fill = HEADER_FILL;
  cell.alignment = { vertical: 'top', wrapText: true };
  cell.note = note;
}

function addTableSheet(workbook: ExcelJS.Workbook, sheet: SheetSpec, rows: readonly Row[]): void {
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({
    key: c.key,
    width: c.width,
    ...(textKinds.has(c.kind) ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.columns.forEach((column, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.value = column.header;
    styleHeader(cell, `${column.en}\n\n${column.help}`);
  });
  rows.forEach((row, r) =>
    sheet.columns.forEach((column, c) => put(ws.getCell(r + 2, c + 1), row[column.key])),
  );
  const last = Math.max(ROWS_TO_FILL, rows.length + 1 + ROWS_TO_FILL / 2);
  sheet.columns.forEach((column, c) => {
    const letter = ws.getColumn(c + 1).letter;
    addValidation(ws, `${letter}2:${letter}${last}`, validation(column, `${letter}2`));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
}

function addDocumentSheet(workbook: ExcelJS.Workbook, values: Row): void {
  const ws = workbook.addWorksheet(DOCUMENT_SHEET.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { key: 'label', width: 24 },
    { key: 'value', width: 60, style: { numFmt: '@' } },
    { key: 'note', width: 70 },
  ];
  const headers = [DOCUMENT_COLUMNS.label, DOCUMENT_COLUMNS.value, DOCUMENT_COLUMNS.note];
  headers.forEach((text, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.value = text;
    styleHeader(cell, ['field', 'value', 'note'][i]!);
  });
  DOCUMENT_SHEET.columns.forEach((column, i) => {
    const row = i + 2;
    const name = ws.getCell(row, 1);
    name.value = column.header;
    name.font = { bold: true };
    name.note = column.en;
    const value = ws.getCell(row, 2);
    // A style of its own: exceljs shares the column's style object between the cells made from it.
    if (column.kind === 'year') value.style = { ...value.style, numFmt: 'General' };
    put(value, values[column.key]);
    addValidation(ws, `B${row}`, validation(column, `B${row}`));
    const note = ws.getCell(row, 3);
    note.value = `${column.help} — ${column.en}`;
    note.alignment = { wrapText: true, vertical: 'top' };
  });
}

/** The help sheet: what goes where and how cells are read, Indonesian first. */
const HELP: readonly (readonly [string, 'title' | 'heading' | 'text'])[] = [
  ['Buku kerja SAKIP (sakip-bundle/2) — SAKIP workbook', 'title'],
  [
    'Satu lembar per tabel dokumen. Isi, periksa dengan "sakip review berkas.xlsx", lalu impor dengan "sakip import berkas.xlsx". ' +
      'One sheet per table of the document: fill it, check it with "sakip review", then import it with "sakip import".',
    'text',
  ],
  ['Lembar / Sheets', 'heading'],
  ...WORKBOOK_SHEETS.map(
    (sheet) => [`${sheet.name}: ${sheet.help} (${sheet.en})`, 'text'] as [string, 'text'],
  ),
  ['Cara nilai dibaca / How cells are read', 'heading'],
  [
    'Nilai disimpan persis seperti teks yang tampil: "1.234,56", "BB", "46% (262 orang)". Angka yang disimpan Excel sebagai angka dibaca sebagai teks tampilannya dengan koma desimal. ' +
      'Values are kept as the text shown; a number Excel stores is read as its displayed text with a decimal comma.',
    'text',
  ],
  [
    'Sel kosong berarti dokumen tidak memuat sel itu; "-" berarti sel tercetak kosong. Pada kolom "Target baris", #N/A berarti kolomnya ada tetapi selnya tidak. ' +
      'An empty cell is missing; "-" is printed empty; #N/A in "Target baris" is a row that has the column but no cell.',
    'text',
  ],
  [
    'Hasil rumus seperti 0,1+0,2 (0,30000000000000004) ditolak: ketik nilai yang dicetak dokumen sebagai teks. ' +
      'A formula result stored as a binary fraction is refused: type the printed value as text.',
    'text',
  ],
  [
    'Kolom kode, nilai, periode dan tanggal berformat Teks agar Excel tidak mengubah "1.06" atau "2024-03" menjadi angka atau tanggal. ' +
      'Code, value, period and date columns are formatted as Text so Excel keeps what is typed.',
    'text',
  ],
  [
    'Setiap masalah disebut dengan lembar dan selnya, mis. Indikator!B14; tidak ada yang disimpan selama masih ada masalah. ' +
      'Every problem names its sheet and cell; nothing is stored while any remains.',
    'text',
  ],
  [
    'Catatan di setiap judul kolom menjelaskan isinya dalam bahasa Inggris dan Indonesia. Lembar Petunjuk ini diabaikan saat impor. ' +
      'The note on each header explains the column; this sheet is ignored on import.',
    'text',
  ],
];

function addHelpSheet(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet(HELP_SHEET);
  ws.getColumn(1).width = 140;
  HELP.forEach(([text, kind], i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (kind !== 'text') cell.font = { bold: true, size: kind === 'title' ? 14 : 12 };
  });
}

/** The workbook of a bundle; without one, the empty template. */
function workbookOf(Excel: typeof ExcelJS, bundle?: Bundle): ExcelJS.Workbook {
  const workbook = new Excel.Workbook();
  workbook.creator = 'sakip';
  addHelpSheet(workbook);
  addDocumentSheet(workbook, documentValues(bundle));
  const rows = rowsOf(bundle);
  for (const sheet of WORKBOOK_SHEETS)
    if (sheet.key !== 'document') addTableSheet(workbook, sheet, rows[sheet.key]);
  // A template opens on its help; a document on its Dokumen sheet.
  const activeTab = bundle ? 1 : 0;
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab, visibility: 'visible' },
  ];
  return workbook;
}

/** A `.xlsx` file of a bundle: `sakip export --format xlsx`; without a bundle, `sakip template`. */
export async function writeWorkbook(bundle?: Bundle): Promise<Buffer> {
  // exceljs takes a large part of a second to load: only the commands that write a workbook load it.
  const { default: Excel } = await import('exceljs');
  return Buffer.from(await workbookOf(Excel, bundle).xlsx.writeBuffer());
}
