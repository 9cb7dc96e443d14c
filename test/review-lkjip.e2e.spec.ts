import { join } from 'node:path';
import { ROOT, sakip } from './support/cli';

const LKJIP = join(ROOT, 'test', 'fixtures', 'lkjip-contoh-2018.json');

/**
 * A report reviewed as hold-out documents are: the PK table and the prose disagree, a realisation is
 * printed twice with two values, one capaian does not follow from its row, one row has no realisation
 * cell; a capaian that fits a lower-is-better reading, and one within the rounding tolerance, are fine.
 */
describe('sakip review of an LKjIP', () => {
  let records: { rule: string; class: string; indicator: string | null; message: { en: string } }[];

  beforeAll(async () => {
    const run = await sakip(['review', LKJIP, '--format', 'jsonl', '--now', '2026-11-30']);
    expect(run.code).toBe(0);
    records = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as (typeof records)[number]);
  }, 60_000);

  const found = () => records.map((r) => `${r.class} ${r.indicator ?? '-'}`).sort();

  it('finds the contradictions, the misreported capaian and the missing realisation, and nothing else', () => {
    expect(found()).toEqual([
      'achievement-misreported S1-I2',
      'document-late -',
      'realisation-missing S1-I4',
      'values-conflict-in-document S1-I1',
      'values-conflict-in-document S1-I2',
    ]);
  });

  it('names both values and their tables', () => {
    const pk = records.find((r) => r.indicator === 'S1-I2' && r.class === 'values-conflict-in-document');
    expect(pk?.message.en).toContain('«275» (Tabel 2.1) ≠ «250» (BAB II uraian)');
  });
});
