import fc from 'fast-check';
import { formatIndonesianNumeral, parseIndonesianNumeral } from './numeral';

describe('Indonesian numerals', () => {
  it.each([
    ['1.234.567,89', 1234567.89],
    ['30,50', 30.5],
    ['400.000', 400000],
    ['4.550.000.000', 4550000000],
    ['0,50', 0.5],
    ['2,5', 2.5],
    ['81', 81],
    ['-2,5', -2.5],
    ['\u22127', -7],
    ['  100  ', 100],
  ])('reads %s as %d', (text, value) => {
    expect(parseIndonesianNumeral(text)).toBe(value);
  });

  it.each(['13,11,00', '1.5', '2.5', '1.2345', '12.34.567', '', ',5', '5,', 'maka m', '1 000', '--1'])(
    'does not read %s as a numeral',
    (text) => {
      expect(parseIndonesianNumeral(text)).toBeUndefined();
    },
  );

  it('reads back every number it formats (integers)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseIndonesianNumeral(formatIndonesianNumeral(n))).toBe(n);
      }),
    );
  });

  it('reads back every number it formats (two decimals)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (cents) => {
        const n = cents / 100;
        expect(parseIndonesianNumeral(formatIndonesianNumeral(n, 2))).toBeCloseTo(n, 2);
      }),
    );
  });

  it('never throws and returns only finite numbers, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,- %aZ'.split('')) }), (text) => {
        const parsed = parseIndonesianNumeral(text);
        expect(parsed === undefined || Number.isFinite(parsed)).toBe(true);
      }),
    );
  });

  it('ignores grouping dots: a grouped numeral equals its plain digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1000n, max: 10n ** 15n }), (n) => {
        const plain = n.toString();
        const grouped = plain.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        expect(parseIndonesianNumeral(grouped)).toBe(parseIndonesianNumeral(plain));
      }),
    );
  });
});
