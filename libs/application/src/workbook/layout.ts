/**
 * The SAKIP workbook: one sheet per table of a `sakip-bundle/2` document, Indonesian headers (English in a
 * note on each header). The writer, the reader, the template and docs/workbook.md all follow this one
 * description, so a column is added in one place.
 */

/** How a column's cells are read (see cell-values.ts). */
export type ColumnKind =
  /** An identifier or code: text, trimmed; a whole number is taken as its digits. */
  | 'id'
  /** Free text (names, formulas): as typed. */
  | 'text'
  /** A value as the document prints it: the cell's text, "-" printed empty, an empty cell missing. */
  | 'value'
  /** A year: four digits, 1900–2200. */
  | 'year'
  /** A year, or "akhir periode" for an end-of-period column (Pagu). */
  | 'year-or-total'
  /** A reporting period: 2024, 2024-Q1…Q4, 2024-S1/S2, 2024-01…12. */
  | 'period'
  /** A date yyyy-mm-dd (text, or a date cell). */
  | 'date'
  /** A page or row number of the source document: a whole number, or text such as "12a". */
  | 'locator'
  /** ya / tidak. */
  | 'flag'
  /** One of a list (`choices`). */
  | 'choice';

/** An entry of a list: the identifier the bundle uses, the Indonesian label a planner picks. */
export interface Choice {
  readonly id: string;
  readonly label: string;
  /** Other spellings read as the same entry (the English identifier is always one). */
  readonly aliases?: readonly string[];
}

export interface ColumnSpec {
  /** English identifier of the column. */
  readonly key: string;
  /** Indonesian header, as the planner sees it. */
  readonly header: string;
  /** English name and meaning (the header's note). */
  readonly en: string;
  /** Indonesian help (the header's note, and the data-validation prompt). */
  readonly help: string;
  readonly kind: ColumnKind;
  readonly width: number;
  readonly choices?: readonly Choice[];
  /** The sheet cannot be read without this column. */
  readonly required?: boolean;
}

export interface SheetSpec {
  /** English identifier. */
  readonly key: SheetKey;
  /** The sheet's name in the workbook (Indonesian). */
  readonly name: string;
  readonly en: string;
  readonly help: string;
  readonly columns: readonly ColumnSpec[];
}

export type SheetKey =
  | 'document'
  | 'nodes'
  | 'indicators'
  | 'targets'
  | 'statements'
  | 'budgets'
  | 'agreements'
  | 'realisations'
  | 'submissions';

export const HELP_SHEET = 'Petunjuk';

export const LEVEL_CHOICES: readonly Choice[] = [
  { id: 'tujuan', label: 'tujuan' },
  { id: 'sasaran', label: 'sasaran' },
  { id: 'program', label: 'program' },
  { id: 'kegiatan', label: 'kegiatan' },
  { id: 'subkegiatan', label: 'subkegiatan', aliases: ['sub kegiatan', 'sub-kegiatan'] },
];

export const ROLE_CHOICES: readonly Choice[] = [
  { id: 'plan', label: 'rencana' },
  { id: 'history', label: 'riwayat' },
  { id: 'reference', label: 'rujukan' },
];

export const POLARITY_CHOICES: readonly Choice[] = [
  { id: 'higher-is-better', label: 'makin tinggi makin baik', aliases: ['positif', 'maksimal'] },
  { id: 'lower-is-better', label: 'makin rendah makin baik', aliases: ['negatif', 'minimal'] },
  { id: 'range', label: 'rentang', aliases: ['stabil'] },
];

export const AGGREGATION_CHOICES: readonly Choice[] = [
  { id: 'last', label: 'terakhir' },
  { id: 'sum', label: 'jumlah' },
  { id: 'max', label: 'tertinggi' },
  { id: 'min', label: 'terendah' },
  { id: 'average', label: 'rata-rata' },
];

export const DOCUMENT_KIND_CHOICES: readonly Choice[] = [
  { id: 'renstra', label: 'renstra' },
  { id: 'renja', label: 'renja' },
  { id: 'pk', label: 'pk' },
  { id: 'lkjip', label: 'lkjip' },
];

export const BUDGET_KIND_CHOICES: readonly Choice[] = [
  { id: 'pagu', label: 'pagu' },
  { id: 'realisation', label: 'realisasi' },
];

/** The fields a `Pernyataan` row may state (a further target goes to `Target`). */
export const STATEMENT_FIELD_CHOICES: readonly Choice[] = [
  { id: 'name', label: 'nama' },
  { id: 'unit', label: 'satuan' },
  { id: 'formula', label: 'formula', aliases: ['formulasi', 'definisi operasional'] },
  { id: 'finalTarget', label: 'target akhir', aliases: ['final target', 'kondisi akhir'] },
  { id: 'baseline', label: 'kondisi awal' },
];

/** `Target`: the document's main statement of a year's target (its main table), or a further one. */
export const TARGET_STATEMENT_CHOICES: readonly Choice[] = [
  { id: 'main', label: 'utama' },
  { id: 'further', label: 'tambahan' },
];

export const FLAG_CHOICES: readonly Choice[] = [
  { id: 'true', label: 'ya', aliases: ['y', 'yes', 'benar', '1'] },
  { id: 'false', label: 'tidak', aliases: ['n', 'no', 'salah', '0'] },
];

/** The `Tahun` of a `Pagu` row that is an end-of-period column. */
export const END_OF_PERIOD: Choice = { id: 'total', label: 'akhir periode', aliases: ['akhir', 'total'] };

const source = (what: string): ColumnSpec[] => [
  {
    key: 'sourceTable',
    header: 'Tabel',
    en: `Source: the table of the document that prints ${what}, e.g. "Tabel 6.1"`,
    help: 'Sumber: tabel dokumen yang memuat baris ini, mis. "Tabel 6.1"',
    kind: 'text',
    width: 12,
  },
  {
    key: 'sourcePage',
    header: 'Halaman',
    en: 'Source: page',
    help: 'Sumber: halaman',
    kind: 'locator',
    width: 10,
  },
  {
    key: 'sourceRow',
    header: 'Baris',
    en: 'Source: row of the table',
    help: 'Sumber: nomor baris pada tabel',
    kind: 'locator',
    width: 8,
  },
];

export const DOCUMENT_SHEET: SheetSpec = {
  key: 'document',
  name: 'Dokumen',
  en: 'Organisation and document (one value per row)',
  help: 'Perangkat daerah dan dokumen: satu isian per baris, isi kolom "Nilai".',
  columns: [
    {
      key: 'organisationId',
      header: 'ID perangkat daerah',
      en: 'organisation.id: a stable slug, lower-case letters, digits and "-", e.g. dinsos-karanganyar',
      help: 'Pengenal tetap: huruf kecil, angka dan "-", mis. dinsos-karanganyar',
      kind: 'id',
      width: 0,
      required: true,
    },
    {
      key: 'organisationName',
      header: 'Nama perangkat daerah',
      en: 'organisation.name',
      help: 'Nama lengkap, mis. Dinas Sosial Kabupaten Karanganyar',
      kind: 'text',
      width: 0,
      required: true,
    },
    {
      key: 'government',
      header: 'Pemerintah daerah',
      en: 'organisation.government, e.g. Kabupaten Karanganyar',
      help: 'Mis. Kabupaten Karanganyar',
      kind: 'text',
      width: 0,
    },
    {
      key: 'province',
      header: 'Provinsi',
      en: 'organisation.province',
      help: 'Mis. Jawa Tengah',
      kind: 'text',
      width: 0,
    },
    {
      key: 'kind',
      header: 'Jenis dokumen',
      en: 'document.kind: renstra, renja, pk or lkjip',
      help: 'renstra, renja, pk atau lkjip',
      kind: 'choice',
      choices: DOCUMENT_KIND_CHOICES,
      width: 0,
      required: true,
    },
    {
      key: 'title',
      header: 'Judul dokumen',
      en: 'document.title',
      help: 'Judul sebagaimana tercetak',
      kind: 'text',
      width: 0,
      required: true,
    },
    {
      key: 'legalBasis',
      header: 'Dasar hukum',
      en: 'document.legalBasis, e.g. Peraturan Bupati Karanganyar Nomor 16 Tahun 2023',
      help: 'Mis. Peraturan Bupati Karanganyar Nomor 16 Tahun 2023',
      kind: 'text',
      width: 0,
    },
    {
      key: 'issuedOn',
      header: 'Tanggal ditetapkan',
      en: 'document.issuedOn: yyyy-mm-dd',
      help: 'Tanggal yyyy-mm-dd, mis. 2023-05-10',
      kind: 'date',
      width: 0,
    },
    {
      key: 'periodStart',
      header: 'Tahun awal periode',
      en: 'document.period.start: the first year the document covers',
      help: 'Tahun pertama yang dicakup dokumen, mis. 2024',
      kind: 'year',
      width: 0,
      required: true,
    },
    {
      key: 'periodEnd',
      header: 'Tahun akhir periode',
      en: 'document.period.end: the last year the document covers',
      help: 'Tahun terakhir yang dicakup dokumen, mis. 2026',
      kind: 'year',
      width: 0,
      required: true,
    },
  ],
};

export const NODES_SHEET: SheetSpec = {
  key: 'nodes',
  name: 'Pohon Kinerja',
  en: 'Performance tree: goals, objectives, programmes, activities, sub-activities (nodes)',
  help: 'Pohon kinerja: tujuan → sasaran → program → kegiatan → subkegiatan, satu baris per simpul.',
  columns: [
    {
      key: 'id',
      header: 'ID',
      en: 'id: stable within the organisation (the code is a good id)',
      help: 'Pengenal simpul, tetap antar dokumen (kode nomenklatur baik dipakai)',
      kind: 'id',
      width: 18,
      required: true,
    },
    {
      key: 'level',
      header: 'Level',
      en: 'level: tujuan, sasaran, program, kegiatan, subkegiatan',
      help: 'tujuan, sasaran, program, kegiatan atau subkegiatan',
      kind: 'choice',
      choices: LEVEL_CHOICES,
      width: 13,
      required: true,
    },
    {
      key: 'code',
      header: 'Kode',
      en: 'code: Permendagri 90/2019 nomenclature code, e.g. 1.06.04.2.01',
      help: 'Kode nomenklatur Permendagri 90/2019, mis. 1.06.04.2.01',
      kind: 'id',
      width: 18,
    },
    {
      key: 'name',
      header: 'Nama',
      en: 'name, as printed',
      help: 'Nama sebagaimana tercetak',
      kind: 'text',
      width: 60,
      required: true,
    },
    {
      key: 'parent',
      header: 'Induk',
      en: 'parent: id of the node one level up (empty for a tujuan)',
      help: 'ID simpul satu level di atasnya (kosong untuk tujuan)',
      kind: 'id',
      width: 18,
    },
    {
      key: 'role',
      header: 'Peran',
      en: 'role: rencana = plan (default), riwayat = history (reprinted from an earlier plan), rujukan = reference (a regional goal cited)',
      help: 'rencana (bawaan), riwayat (dicetak ulang dari dokumen lama, mis. BAB II), rujukan (tujuan/sasaran RPJMD yang dirujuk)',
      kind: 'choice',
      choices: ROLE_CHOICES,
      width: 11,
    },
    {
      key: 'alignsTo',
      header: 'Selaras dengan',
      en: 'alignsTo: the regional (RPJMD/RPD) goal or objective this node supports',
      help: 'Tujuan/sasaran RPJMD/RPD yang didukung',
      kind: 'text',
      width: 40,
    },
    ...source('the node'),
  ],
};

export const INDICATORS_SHEET: SheetSpec = {
  key: 'indicators',
  name: 'Indikator',
  en: 'Performance indicators',
  help: 'Indikator kinerja, satu baris per indikator. Target per tahun diisi di lembar Target.',
  columns: [
    {
      key: 'id',
      header: 'ID',
      en: 'id: stable within the organisation (the same indicator in a later document keeps it)',
      help: 'Pengenal indikator, tetap antar dokumen',
      kind: 'id',
      width: 16,
      required: true,
    },
    {
      key: 'node',
      header: 'Node',
      en: 'node: id of its node in Pohon Kinerja (or imported before)',
      help: 'ID simpul di lembar Pohon Kinerja (atau dari impor sebelumnya)',
      kind: 'id',
      width: 16,
      required: true,
    },
    {
      key: 'name',
      header: 'Nama',
      en: 'name, as printed',
      help: 'Nama indikator sebagaimana tercetak',
      kind: 'text',
      width: 50,
      required: true,
    },
    {
      key: 'unit',
      header: 'Satuan',
      en: 'unit, as printed ("%", "orang", "Indeks")',
      help: 'Satuan sebagaimana tercetak ("%", "orang", "Indeks")',
      kind: 'text',
      width: 10,
    },
    {
      key: 'formula',
      header: 'Formula',
      en: 'formula / operational definition, as printed',
      help: 'Formulasi / definisi operasional sebagaimana tercetak',
      kind: 'text',
      width: 40,
    },
    {
      key: 'polarity',
      header: 'Polaritas',
      en: 'polarity: higher is better (default), lower is better, range',
      help: 'makin tinggi makin baik (bawaan), makin rendah makin baik, rentang',
      kind: 'choice',
      choices: POLARITY_CHOICES,
      width: 22,
    },
    {
      key: 'iku',
      header: 'IKU',
      en: 'iku: ya = an Indikator Kinerja Utama',
      help: 'ya bila Indikator Kinerja Utama',
      kind: 'flag',
      width: 6,
    },
    {
      key: 'ikk',
      header: 'IKK',
      en: 'ikk: ya = an Indikator Kinerja Kunci',
      help: 'ya bila Indikator Kinerja Kunci',
      kind: 'flag',
      width: 6,
    },
    {
      key: 'baselineYear',
      header: 'Tahun kondisi awal',
      en: 'baseline.year',
      help: 'Tahun kondisi awal (baseline)',
      kind: 'year',
      width: 10,
    },
    {
      key: 'baseline',
      header: 'Kondisi awal',
      en: 'baseline.value, as printed',
      help: 'Nilai kondisi awal sebagaimana tercetak',
      kind: 'value',
      width: 12,
    },
    {
      key: 'finalTarget',
      header: 'Target akhir',
      en: 'finalTarget: target at the end of the period, as printed',
      help: 'Target akhir periode / kondisi akhir sebagaimana tercetak',
      kind: 'value',
      width: 12,
    },
    {
      key: 'aggregation',
      header: 'Agregasi',
      en: 'aggregation: how the final target follows from the yearly ones: terakhir = last, jumlah = sum, tertinggi = max, terendah = min, rata-rata = average',
      help: 'Hubungan target akhir dengan target tahunan: terakhir, jumlah, tertinggi, terendah, rata-rata',
      kind: 'choice',
      choices: AGGREGATION_CHOICES,
      width: 11,
    },
    {
      key: 'dataSource',
      header: 'Sumber data',
      en: 'dataSource: where the data come from',
      help: 'Sumber data indikator',
      kind: 'text',
      width: 20,
    },
    {
      key: 'role',
      header: 'Peran',
      en: 'role: rencana = plan (default), riwayat = history, rujukan = reference',
      help: 'rencana (bawaan), riwayat (dari dokumen lama), rujukan (indikator RPJMD yang dirujuk)',
      kind: 'choice',
      choices: ROLE_CHOICES,
      width: 11,
    },
    ...source('the indicator, its main targets, baseline and final target'),
  ],
};

export const TARGETS_SHEET: SheetSpec = {
  key: 'targets',
  name: 'Target',
  en: 'Yearly targets. The first row of an indicator and year is the main statement (source: the indicator row); further rows are further statements with their own source',
  help: 'Target tahunan. Baris pertama suatu indikator dan tahun adalah pernyataan utama (sumbernya baris indikator); baris berikutnya adalah pernyataan tambahan dengan sumbernya sendiri.',
  columns: [
    {
      key: 'indicator',
      header: 'Indikator',
      en: 'indicator: id in the Indikator sheet',
      help: 'ID indikator di lembar Indikator',
      kind: 'id',
      width: 16,
      required: true,
    },
    {
      key: 'year',
      header: 'Tahun',
      en: 'year',
      help: 'Tahun target, mis. 2025',
      kind: 'year',
      width: 8,
      required: true,
    },
    {
      key: 'value',
      header: 'Nilai',
      en: 'value, as printed ("82,5", "BB", "-")',
      help: 'Nilai sebagaimana tercetak ("82,5", "BB", "-" bila tercetak kosong)',
      kind: 'value',
      width: 14,
      required: true,
    },
    {
      key: 'statement',
      header: 'Jenis pernyataan',
      en: 'utama = the main statement, tambahan = a further statement; empty: the first row of an indicator and year is the main one',
      help: 'utama atau tambahan; kosong: baris pertama indikator dan tahun itu adalah yang utama',
      kind: 'choice',
      choices: TARGET_STATEMENT_CHOICES,
      width: 16,
    },
    ...source('this further statement (leave empty on the main row: it is the indicator’s)'),
  ],
};

export const STATEMENTS_SHEET: SheetSpec = {
  key: 'statements',
  name: 'Pernyataan',
  en: 'Further statements of an indicator’s name, unit, formula, final target or baseline (another table, the prose)',
  help: 'Pernyataan tambahan atas nama, satuan, formula, target akhir atau kondisi awal indikator (tabel lain, uraian).',
  columns: [
    {
      key: 'indicator',
      header: 'Indikator',
      en: 'indicator: id in the Indikator sheet',
      help: 'ID indikator di lembar Indikator',
      kind: 'id',
      width: 16,
      required: true,
    },
    {
      key: 'field',
      header: 'Unsur',
      en: 'field: nama = name, satuan = unit, formula, target akhir = final target, kondisi awal = baseline',
      help: 'nama, satuan, formula, target akhir atau kondisi awal',
      kind: 'choice',
      choices: STATEMENT_FIELD_CHOICES,
      width: 14,
      required: true,
    },
    {
      key: 'year',
      header: 'Tahun',
      en: 'year (a baseline’s year; otherwise empty)',
      help: 'Tahun (untuk kondisi awal); selain itu kosong',
      kind: 'year',
      width: 8,
    },
    {
      key: 'value',
      header: 'Nilai',
      en: 'value, as printed',
      help: 'Nilai sebagaimana tercetak',
      kind: 'value',
      width: 40,
      required: true,
    },
    ...source('this statement'),
  ],
};

export const BUDGETS_SHEET: SheetSpec = {
  key: 'budgets',
  name: 'Pagu',
  en: 'Budgets: a node’s (or, without a node, the document’s total) pagu or realisation for a year or the whole period',
  help: 'Pagu indikatif atau realisasi anggaran per simpul (kosongkan Node untuk baris total dokumen), per tahun atau akhir periode.',
  columns: [
    {
      key: 'node',
      header: 'Node',
      en: 'node: id in Pohon Kinerja; empty for the document’s own total row',
      help: 'ID simpul di Pohon Kinerja; kosong untuk baris total dokumen',
      kind: 'id',
      width: 18,
    },
    {
      key: 'year',
      header: 'Tahun',
      en: 'year, or "akhir periode" for an end-of-period column',
      help: 'Tahun, atau "akhir periode" untuk kolom akhir periode',
      kind: 'year-or-total',
      width: 14,
      required: true,
    },
    {
      key: 'kind',
      header: 'Jenis',
      en: 'kind: pagu (default) or realisasi (money spent)',
      help: 'pagu (bawaan) atau realisasi (anggaran terpakai)',
      kind: 'choice',
      choices: BUDGET_KIND_CHOICES,
      width: 10,
    },
    {
      key: 'amount',
      header: 'Jumlah',
      en: 'amount in rupiah, as printed ("4.550.000.000")',
      help: 'Jumlah rupiah sebagaimana tercetak ("4.550.000.000")',
      kind: 'value',
      width: 18,
      required: true,
    },
    ...source('the amount'),
  ],
};

export const AGREEMENTS_SHEET: SheetSpec = {
  key: 'agreements',
  name: 'PK',
  en: 'Performance agreement (Perjanjian Kinerja) targets; a repeated indicator and year is a further statement',
  help: 'Target Perjanjian Kinerja; indikator dan tahun yang berulang adalah pernyataan tambahan.',
  columns: [
    {
      key: 'indicator',
      header: 'Indikator',
      en: 'indicator id',
      help: 'ID indikator',
      kind: 'id',
      width: 16,
      required: true,
    },
    {
      key: 'year',
      header: 'Tahun',
      en: 'year',
      help: 'Tahun perjanjian',
      kind: 'year',
      width: 8,
      required: true,
    },
    {
      key: 'target',
      header: 'Target',
      en: 'target, as printed',
      help: 'Target sebagaimana tercetak',
      kind: 'value',
      width: 14,
      required: true,
    },
    {
      key: 'signedOn',
      header: 'Tanggal ditandatangani',
      en: 'signedOn: yyyy-mm-dd',
      help: 'Tanggal penandatanganan yyyy-mm-dd',
      kind: 'date',
      width: 14,
    },
    ...source('the row'),
  ],
};

export const REALISATIONS_SHEET: SheetSpec = {
  key: 'realisations',
  name: 'Realisasi',
  en: 'Realisations, with the target and capaian printed in the same row; a repeated indicator and period is a further statement',
  help: 'Realisasi, beserta target dan capaian yang tercetak pada baris yang sama; indikator dan periode yang berulang adalah pernyataan tambahan.',
  columns: [
    {
      key: 'indicator',
      header: 'Indikator',
      en: 'indicator id',
      help: 'ID indikator',
      kind: 'id',
      width: 16,
      required: true,
    },
    {
      key: 'period',
      header: 'Periode',
      en: 'period: 2024, 2024-Q1…Q4, 2024-S1/S2, 2024-01…12',
      help: '2024, 2024-Q1…Q4 (triwulan), 2024-S1/S2 (semester), 2024-01…12 (bulan)',
      kind: 'period',
      width: 10,
      required: true,
    },
    {
      key: 'value',
      header: 'Realisasi',
      en: 'value, as printed; empty: the row has no realisation cell',
      help: 'Realisasi sebagaimana tercetak; kosong bila baris tidak memuat sel realisasi',
      kind: 'value',
      width: 14,
      required: true,
    },
    {
      key: 'target',
      header: 'Target baris',
      en: 'target printed in the same row; #N/A: the row has the column but no cell',
      help: 'Target yang tercetak pada baris yang sama; #N/A bila kolomnya ada tetapi selnya tidak',
      kind: 'value',
      width: 14,
    },
    {
      key: 'reportedAchievement',
      header: 'Capaian',
      en: 'reportedAchievement: the capaian printed in the row',
      help: 'Capaian sebagaimana tercetak',
      kind: 'value',
      width: 12,
    },
    {
      key: 'reportedOn',
      header: 'Tanggal dilaporkan',
      en: 'reportedOn: yyyy-mm-dd',
      help: 'Tanggal pelaporan yyyy-mm-dd',
      kind: 'date',
      width: 14,
    },
    ...source('the row'),
  ],
};

export const SUBMISSIONS_SHEET: SheetSpec = {
  key: 'submissions',
  name: 'Penyampaian',
  en: 'Submissions: when a document was handed in',
  help: 'Penyampaian dokumen: kapan dokumen diserahkan.',
  columns: [
    {
      key: 'kind',
      header: 'Jenis dokumen',
      en: 'kind: renstra, renja, pk or lkjip',
      help: 'renstra, renja, pk atau lkjip',
      kind: 'choice',
      choices: DOCUMENT_KIND_CHOICES,
      width: 14,
      required: true,
    },
    {
      key: 'year',
      header: 'Tahun',
      en: 'year the document is for',
      help: 'Tahun dokumen',
      kind: 'year',
      width: 8,
      required: true,
    },
    {
      key: 'submittedOn',
      header: 'Tanggal disampaikan',
      en: 'submittedOn: yyyy-mm-dd',
      help: 'Tanggal penyampaian yyyy-mm-dd',
      kind: 'date',
      width: 16,
      required: true,
    },
  ],
};

/** The table sheets, in workbook order (after `Petunjuk`). */
export const WORKBOOK_SHEETS: readonly SheetSpec[] = [
  DOCUMENT_SHEET,
  NODES_SHEET,
  INDICATORS_SHEET,
  TARGETS_SHEET,
  STATEMENTS_SHEET,
  BUDGETS_SHEET,
  AGREEMENTS_SHEET,
  REALISATIONS_SHEET,
  SUBMISSIONS_SHEET,
];

/** The `Dokumen` sheet is a list of fields: label, value, note. */
export const DOCUMENT_COLUMNS = { label: 'Isian', value: 'Nilai', note: 'Keterangan' } as const;

export function choiceLabel(choices: readonly Choice[], id: string): string {
  return choices.find((c) => c.id === id)?.label ?? id;
}

/** Normalised for matching: lower case, single spaces. */
const normal = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

export function findChoice(choices: readonly Choice[], text: string): Choice | undefined {
  const wanted = normal(text);
  return choices.find(
    (c) =>
      normal(c.label) === wanted ||
      normal(c.id) === wanted ||
      (c.aliases ?? []).some((alias) => normal(alias) === wanted),
  );
}

/** A header cell names a column by its Indonesian header or its English key. */
export function findColumn(sheet: SheetSpec, header: string): ColumnSpec | undefined {
  const wanted = normal(header);
  return sheet.columns.find((c) => normal(c.header) === wanted || normal(c.key) === wanted);
}
