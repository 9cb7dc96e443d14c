import fc from 'fast-check';
import { describeValue, interpretValue, isMissing, sameRawMeaning } from './document-value';

describe('interpreting document values', () => {
  it.each([
    ['1.234.567,89', 1234567.89, undefined],
    ['30,50', 30.5, undefined],
    ['100 %', 100, '%'],
    ['100%', 100, '%'],
    ['8 Dokumen', 8, 'Dokumen'],
    ['50 Orang/bulan', 50, 'Orang/bulan'],
    ['Rp 4.550.000.000,-', 4550000000, 'Rp'],
    ['400.000', 400000, undefined],
  ])('%s is the number %d (unit %s), raw kept', (raw, value, unit) => {
    const interpreted = interpretValue(raw);
    expect(interpreted).toEqual(unit ? { kind: 'number', raw, value, unit } : { kind: 'number', raw, value });
  });

  it('keeps a JSON number as a number', () => {
    expect(interpretValue(81)).toEqual({ kind: 'number', raw: 81, value: 81 });
  });

  it.each([
    ['BB', 'BB', undefined],
    ['B', 'B', undefined],
    ['AA', 'AA', undefined],
    ['BB Indeks', 'BB', 'Indeks'],
    ['A Nilai', 'A', 'Nilai'],
  ])('%s is grade %s', (raw, grade, unit) => {
    expect(interpretValue(raw)).toEqual(
      unit ? { kind: 'grade', raw, grade, unit } : { kind: 'grade', raw, grade },
    );
  });

  it.each(['', '-', ' – ', '—', '  '])('"%s" is empty', (raw) => {
    expect(interpretValue(raw)).toEqual({ kind: 'empty', raw });
  });

  it('absent is empty', () => {
    expect(interpretValue(undefined)).toEqual({ kind: 'empty', raw: null });
  });

  it.each(['13,11,00', 'App', 'maka m', 'Dokumen', 'AAA', '2 x 3', '1.5', 'BBB Indeks'])(
    '"%s" is kept verbatim as unparseable',
    (raw) => {
      expect(interpretValue(raw)).toEqual({ kind: 'unparseable', raw });
    },
  );

  it('always keeps the raw text, whatever it is', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(interpretValue(raw).raw).toBe(raw);
      }),
    );
  });

  it('compares meanings, not spellings', () => {
    expect(sameRawMeaning('81', 81)).toBe(true);
    expect(sameRawMeaning('81,00', '81')).toBe(true);
    expect(sameRawMeaning('2100', '1')).toBe(false);
    expect(sameRawMeaning('BB', 'BB Indeks')).toBe(true);
    expect(sameRawMeaning('-', '')).toBe(true);
    expect(sameRawMeaning('maka m', 'maka m')).toBe(true);
    expect(sameRawMeaning('maka m', 'App')).toBe(false);
  });

  it('reads compound values and keeps the second quantity', () => {
    expect(interpretValue('46% (262 orang)')).toEqual({
      kind: 'number',
      raw: '46% (262 orang)',
      value: 46,
      unit: '%',
      secondary: { value: 262, unit: 'orang' },
    });
    expect(interpretValue('35 Orang')).toEqual({ kind: 'number', raw: '35 Orang', value: 35, unit: 'Orang' });
    expect(interpretValue('1.234,5 (12)')).toMatchObject({ value: 1234.5, secondary: { value: 12 } });
    expect(interpretValue('5 Kali (keg.)')).toMatchObject({ kind: 'number', value: 5, unit: 'Kali (keg.)' });
    expect(interpretValue('(262 orang)').kind).toBe('unparseable');
  });

  it('reads a number written with a bound before it, keeping the raw text', () => {
    expect(interpretValue('≥ 80')).toEqual({ kind: 'number', raw: '≥ 80', value: 80 });
    expect(interpretValue('min. 75 %')).toEqual({ kind: 'number', raw: 'min. 75 %', value: 75, unit: '%' });
    expect(interpretValue('>BB')).toMatchObject({ kind: 'grade', grade: 'BB' });
    expect(interpretValue('≥').kind).toBe('unparseable');
  });

  it('tells a missing cell from a cell printed empty', () => {
    expect(isMissing(interpretValue(null))).toBe(true);
    expect(isMissing(interpretValue(undefined))).toBe(true);
    expect(isMissing(interpretValue(''))).toBe(false);
    expect(isMissing(interpretValue('-'))).toBe(false);
    expect(interpretValue('-').kind).toBe('empty');
  });

  it('describes values for people', () => {
    expect(describeValue(interpretValue('13,11,00'))).toBe('"13,11,00" (unparseable)');
    expect(describeValue(interpretValue('-'))).toBe('—');
    expect(describeValue(interpretValue('30,50'))).toBe('30,50');
  });
});
