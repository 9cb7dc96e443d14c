import { comparePeriods, formatPeriod, parsePeriod, periodEndDate, type Period } from './period';

describe('periods', () => {
  it.each([
    ['2018', { kind: 'year', year: 2018 }],
    ['2018-Q1', { kind: 'quarter', year: 2018, index: 1 }],
    ['2018-Q4', { kind: 'quarter', year: 2018, index: 4 }],
    ['2018-S2', { kind: 'semester', year: 2018, index: 2 }],
    ['2018-03', { kind: 'month', year: 2018, index: 3 }],
  ])('%s', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(period as Period)).toBe(text);
  });

  it.each(['2018-Q5', '2018-S3', '2018-13', '18', '2018-1', 'Q1-2018', ''])('rejects %s', (text) => {
    expect(parsePeriod(text)).toBeUndefined();
  });

  it('knows when a period ends', () => {
    expect(periodEndDate(parsePeriod('2024')!)).toBe('2024-12-31');
    expect(periodEndDate(parsePeriod('2024-Q1')!)).toBe('2024-03-31');
    expect(periodEndDate(parsePeriod('2024-S1')!)).toBe('2024-06-30');
    expect(periodEndDate(parsePeriod('2024-02')!)).toBe('2024-02-29');
    expect(periodEndDate(parsePeriod('2023-02')!)).toBe('2023-02-28');
  });

  it('sorts chronologically', () => {
    const sorted = ['2025', '2024-Q4', '2024', '2024-Q1', '2024-S1', '2024-06']
      .map((p) => parsePeriod(p)!)
      .sort(comparePeriods)
      .map(formatPeriod);
    expect(sorted).toEqual(['2024-Q1', '2024-06', '2024-S1', '2024-Q4', '2024', '2025']);
  });
});
