import { formatFact, renderMessage } from './rule-set';

describe('finding messages', () => {
  it('leave a missing value out inside parentheses, never "(sasaran –)"', () => {
    const template = 'Indicator "{indicatorName}" ({nodeLevel} {nodeCode}) has no formula.';
    expect(
      renderMessage(template, { indicatorName: 'Nilai SAKIP', nodeLevel: 'sasaran', nodeCode: null }, 'en'),
    ).toBe('Indicator "Nilai SAKIP" (sasaran) has no formula.');
    expect(
      renderMessage(template, { indicatorName: 'Nilai SAKIP', nodeLevel: null, nodeCode: null }, 'en'),
    ).toBe('Indicator "Nilai SAKIP" has no formula.');
    expect(
      renderMessage(template, { indicatorName: 'Nilai SAKIP', nodeLevel: 'sasaran', nodeCode: '1.06' }, 'id'),
    ).toBe('Indicator "Nilai SAKIP" (sasaran 1.06) has no formula.');
  });

  it('say a missing value outside parentheses as "–", and never print raw JSON', () => {
    expect(renderMessage('recorded as "{realisation}"', { realisation: null }, 'en')).toBe('recorded as "–"');
    const text = renderMessage('values {v}', { v: [{ field: 'target', period: '2025', raw: '-5' }] }, 'en');
    expect(text).toBe('values field target, period 2025, printed -5');
    expect(text).not.toMatch(/[{}[\]"]/);
  });

  it('write numbers and words in the reader language', () => {
    expect(formatFact(1234.5, 'id')).toBe('1.234,5');
    expect(formatFact(1234.5, 'en')).toBe('1,234.5');
    expect(formatFact({ id: 'turun', en: 'falls' }, 'id')).toBe('turun');
    expect(formatFact({ id: 'turun', en: 'falls' }, 'en')).toBe('falls');
  });
});
