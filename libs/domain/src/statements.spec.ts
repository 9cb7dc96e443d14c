import { statementsConflict } from './statements';

const of = (...values: (string | number | null)[]) => values.map((value) => ({ value }));

describe('statements of one document that contradict each other', () => {
  it('compares values by meaning', () => {
    expect(statementsConflict('target', of('35 Orang', '100 Org'))).toBe(true);
    expect(statementsConflict('target', of('30,00', 30))).toBe(false);
    expect(statementsConflict('realisation', of('29,00', '30,00'))).toBe(true);
  });
  it('compares texts by their words, not case, spacing or punctuation', () => {
    expect(statementsConflict('name', of('Nilai  SAKIP', 'nilai sakip'))).toBe(false);
    expect(statementsConflict('formula', of('A dibagi B kali 100%', 'A dibagi B kali 100'))).toBe(false);
    expect(statementsConflict('unit', of('%', 'Nilai'))).toBe(true);
  });
  it('takes an empty cell for a contradiction only against a number other than 0', () => {
    expect(statementsConflict('target', of('', '100'))).toBe(true);
    expect(statementsConflict('target', of('', '0'))).toBe(false);
    expect(statementsConflict('unit', of('', '%'))).toBe(false);
  });
});
