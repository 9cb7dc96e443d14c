import { categoriseAchievement, computeAchievement } from './achievement';
import { interpretValue } from './document-value';

const v = interpretValue;

describe('achievement (capaian)', () => {
  it('higher is better: realisation / target', () => {
    expect(computeAchievement(v('30,00'), v('29,00'), 'higher-is-better')).toEqual({
      kind: 'computed',
      percent: 96.67,
      method: 'realisation/target',
    });
  });

  it('lower is better, default convention: (2·target − realisation) / target', () => {
    expect(computeAchievement(v('8,96'), v('9,5'), 'lower-is-better')).toMatchObject({ percent: 93.97 });
  });

  it('lower is better, ratio convention: target / realisation', () => {
    expect(computeAchievement(v('8'), v('10'), 'lower-is-better', { lowerIsBetter: 'ratio' })).toMatchObject({
      percent: 80,
    });
  });

  it('range: any deviation lowers it', () => {
    expect(computeAchievement(v('100'), v('110'), 'range')).toMatchObject({ percent: 90 });
    expect(computeAchievement(v('100'), v('90'), 'range')).toMatchObject({ percent: 90 });
  });

  it('grades compare on the AA…D scale', () => {
    expect(computeAchievement(v('BB'), v('BB'), 'higher-is-better')).toMatchObject({ percent: 100 });
    expect(computeAchievement(v('BB'), v('B'), 'higher-is-better')).toMatchObject({ percent: 80 });
    expect(computeAchievement(v('BB'), v('A'), 'higher-is-better')).toMatchObject({ percent: 120 });
  });

  it.each([
    ['0', '5', 'target-zero'],
    ['', '5', 'target-missing'],
    ['5', '-', 'realisation-missing'],
    ['13,11,00', '5', 'target-unparseable'],
    ['5', 'maka m', 'realisation-unparseable'],
    ['BB', '80', 'grade-and-number'],
    ['-5', '79,1', 'negative-value'],
    ['5', '-79,1', 'negative-value'],
  ])('target %s, realisation %s: not computable (%s)', (target, realisation, reason) => {
    expect(computeAchievement(v(target), v(realisation), 'higher-is-better')).toEqual({
      kind: 'not-computable',
      reason,
    });
  });

  it('categorises on the default scale', () => {
    expect(categoriseAchievement(120).en).toBe('Very high');
    expect(categoriseAchievement(91).id).toBe('Sangat Tinggi');
    expect(categoriseAchievement(90.99).id).toBe('Tinggi');
    expect(categoriseAchievement(66).id).toBe('Sedang');
    expect(categoriseAchievement(10).id).toBe('Sangat Rendah');
  });
});
