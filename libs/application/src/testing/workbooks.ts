import ExcelJS from 'exceljs';

/** What a test types into a cell: text, a number (with a format), a date, #N/A, a formula with its result. */
export type TypedCell = ExcelJS.CellValue | { readonly value: ExcelJS.CellValue; readonly numFmt: string };

/** Rows of one sheet, each cell named by its column's header (as a planner sees them). */
export type TypedRows = readonly Readonly<Record<string, TypedCell>>[];

/**
 * Fills a workbook as a planner does in Excel: rows under the headers of each sheet (`Dokumen` by its
 * field labels), numbers typed as numbers, dates as dates. Returns the saved `.xlsx`.
 */
export async function fillWorkbook(
  template: Buffer,
  sheets: Readonly<Record<string, TypedRows | Readonly<Record<string, TypedCell>>>>,
  edit?: (workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
  for (const [name, content] of Object.entries(sheets)) {
    const ws = workbook.getWorksheet(name) ?? workbook.addWorksheet(name);
    if (!Array.isArray(content)) {
      ws.eachRow((row) => {
        const label = row.getCell(1).text;
        const typed = (content as Readonly<Record<string, TypedCell>>)[label];
        if (typed !== undefined) type(row.getCell(2), typed);
      });
      continue;
    }
    const columns = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => columns.set(cell.text, col));
    (content as TypedRows).forEach((row, i) => {
      for (const [header, value] of Object.entries(row)) {
        const col = columns.get(header);
        if (col === undefined) throw new Error(`${name} has no column "${header}"`);
        type(ws.getCell(i + 2, col), value);
      }
    });
  }
  edit?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function type(cell: ExcelJS.Cell, typed: TypedCell): void {
  if (typed !== null && typeof typed === 'object' && 'numFmt' in typed) {
    cell.value = typed.value;
    // A style of its own: exceljs shares one style object between the cells of a column.
    cell.style = { ...cell.style, numFmt: typed.numFmt };
  } else if (typed instanceof Date) {
    // Excel gives a typed date a date format (the cell shows a date, not its day number).
    cell.value = typed;
    cell.style = { ...cell.style, numFmt: 'dd/mm/yyyy' };
  } else cell.value = typed;
}

/** Every non-empty cell of every sheet: `Sheet!A1` → value, for comparing two workbooks. */
export async function cellsOf(bytes: Buffer): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const cells: Record<string, unknown> = {};
  for (const ws of workbook.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        cells[`${ws.name}!${cell.address}`] = cell.value;
      }),
    );
  return cells;
}

type Sheets = Record<string, TypedRows | Readonly<Record<string, TypedCell>>>;

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/**
 * A small Renstra filled by hand into `sakip template`, the way planners type: text for values, a number
 * with a thousands format for a pagu, a date cell, Indonesian list labels, a further statement of a target.
 */
export function exampleWorkbookRows(organisationId = 'dinsos-contoh'): Sheets {
  return {
    Dokumen: {
      'ID perangkat daerah': organisationId,
      'Nama perangkat daerah': 'Dinas Sosial Kabupaten Contoh',
      'Pemerintah daerah': 'Kabupaten Contoh',
      Provinsi: 'Jawa Tengah',
      'Jenis dokumen': 'renstra',
      'Judul dokumen': 'Renstra Dinas Sosial Kabupaten Contoh 2025-2029',
      'Dasar hukum': 'Peraturan Bupati Contoh Nomor 1 Tahun 2025',
      'Tanggal ditetapkan': utc(2025, 3, 1),
      'Tahun awal periode': 2025,
      'Tahun akhir periode': 2029,
    },
    'Pohon Kinerja': [
      { ID: 'T1', Level: 'tujuan', Nama: 'Meningkatnya kesejahteraan sosial', Tabel: 'Tabel 6.1', Baris: 1 },
      {
        ID: 'S1',
        Level: 'sasaran',
        Nama: 'Meningkatnya pelayanan sosial',
        Induk: 'T1',
        Tabel: 'Tabel 6.1',
        Baris: 2,
      },
      {
        ID: '1.06.02',
        Level: 'program',
        Kode: '1.06.02',
        Nama: 'Program Pemberdayaan Sosial',
        Induk: 'S1',
        Tabel: 'Tabel 6.1',
        Baris: 3,
      },
      {
        ID: '1.06.02.2.01',
        Level: 'kegiatan',
        Kode: '1.06.02.2.01',
        Nama: 'Pengumpulan Sumbangan',
        Induk: '1.06.02',
        Tabel: 'Tabel 6.1',
        Baris: 4,
      },
    ],
    Indikator: [
      {
        ID: 'T1-I1',
        Node: 'T1',
        Nama: 'Indeks Kepuasan Masyarakat',
        Satuan: 'Indeks',
        Polaritas: 'makin tinggi makin baik',
        IKU: 'ya',
        'Tahun kondisi awal': 2024,
        'Kondisi awal': '78,5',
        'Target akhir': '85',
        Agregasi: 'terakhir',
        Tabel: 'Tabel 6.1',
        Baris: 1,
      },
      {
        ID: 'S1-I1',
        Node: 'S1',
        Nama: 'Persentase PPKS yang tertangani',
        Satuan: '%',
        Formula: 'PPKS tertangani / PPKS x 100',
        'Tahun kondisi awal': 2024,
        'Kondisi awal': '46% (262 orang)',
        Tabel: 'Tabel 6.1',
        Baris: 2,
      },
      { ID: '1.06.02-I1', Node: '1.06.02', Nama: 'Jumlah PSKS yang diberdayakan', Satuan: 'lembaga' },
      { ID: '1.06.02.2.01-I1', Node: '1.06.02.2.01', Nama: 'Jumlah izin undian', Peran: 'riwayat' },
    ],
    Target: [
      { Indikator: 'T1-I1', Tahun: 2025, Nilai: '80' },
      { Indikator: 'T1-I1', Tahun: 2026, Nilai: { value: 81.5, numFmt: '0.0' } },
      { Indikator: 'T1-I1', Tahun: 2025, Nilai: '80,0', Tabel: 'Tabel 7.1', Baris: 2 },
      { Indikator: 'S1-I1', Tahun: 2025, Nilai: '-' },
      { Indikator: 'S1-I1', Tahun: 2026, Nilai: 'BB' },
      { Indikator: '1.06.02-I1', Tahun: 2025, Nilai: '12 lembaga' },
    ],
    Pernyataan: [
      {
        Indikator: 'T1-I1',
        Unsur: 'nama',
        Nilai: 'Indeks kepuasan masyarakat (IKM)',
        Tabel: 'Tabel 7.1',
        Baris: 2,
      },
    ],
    Pagu: [
      {
        Node: '1.06.02',
        Tahun: 2025,
        Jumlah: { value: 4550000000, numFmt: '#,##0' },
        Tabel: 'Tabel 6.1',
        Baris: 3,
      },
      { Node: '1.06.02', Tahun: 'akhir periode', Jumlah: '23.000.000.000', Tabel: 'Tabel 6.1', Baris: 3 },
      { Tahun: 2025, Jumlah: '10.000.000.000', Tabel: 'Tabel 6.1', Baris: 9 },
      { Node: '1.06.02', Tahun: 2025, Jenis: 'realisasi', Jumlah: '4.000.000.000', Tabel: 'Tabel 2.3' },
    ],
    PK: [{ Indikator: 'S1-I1', Tahun: 2025, Target: '47', 'Tanggal ditandatangani': utc(2025, 2, 1) }],
    Realisasi: [
      { Indikator: 'S1-I1', Periode: '2025-Q1', Realisasi: '12', 'Target baris': '47', Capaian: '25,53' },
      { Indikator: 'S1-I1', Periode: 2024, 'Target baris': { error: '#N/A' }, Capaian: '-' },
    ],
    Penyampaian: [{ 'Jenis dokumen': 'renstra', Tahun: 2025, 'Tanggal disampaikan': '2025-03-05' }],
  };
}

/**
 * The example with ten kinds of mistakes, one cell each: an unknown parent, a duplicate id, a year outside
 * any period, a bad level, a float stored by a formula (0.1 + 0.2), an empty required cell, an unknown
 * node, a bad period, an impossible date and an unknown indicator.
 */
export function exampleWithTenMistakes(organisationId = 'dinsos-contoh'): Sheets {
  const rows = exampleWorkbookRows(organisationId);
  const tree = [...(rows['Pohon Kinerja'] as TypedRows)];
  tree[1] = { ...tree[1], Level: 'bidang' };
  tree[3] = { ...tree[3], Induk: '1.06.99' };
  const indicators = [...(rows['Indikator'] as TypedRows)];
  indicators[1] = { ...indicators[1], Node: '1.06.09' };
  indicators[2] = { ...indicators[2], Nama: null };
  indicators[3] = { ...indicators[3], ID: 'S1-I1' };
  const targets = [...(rows['Target'] as TypedRows)];
  targets[0] = { ...targets[0], Nilai: { formula: '0.1+0.2', result: 0.1 + 0.2 } };
  targets[1] = { ...targets[1], Tahun: 3024 };
  const agreements = [{ ...(rows['PK'] as TypedRows)[0], Indikator: 'NOPE-I1' }];
  const realisations = [...(rows['Realisasi'] as TypedRows)];
  realisations[0] = { ...realisations[0], Periode: '2025-Q5' };
  const submissions = [{ ...(rows['Penyampaian'] as TypedRows)[0], 'Tanggal disampaikan': '2025-02-30' }];
  return {
    ...rows,
    'Pohon Kinerja': tree,
    Indikator: indicators,
    Target: targets,
    PK: agreements,
    Realisasi: realisations,
    Penyampaian: submissions,
  };
}
