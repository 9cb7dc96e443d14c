import { lkeScore } from './lke';
import type { RuleFile } from './rule';
import type { RuleStats } from './rule-set';

const CLASS_OF = { SMART: 'target-missing', reporting: 'achievement-misreported' } as const;
const rule = (id: string, category: 'SMART' | 'reporting', severity: RuleFile['severity']) =>
  ({ id, category, class: CLASS_OF[category], severity }) as RuleFile;

describe('draft LKE score', () => {
  const rules = [
    rule('smart/a', 'SMART', 'high'),
    rule('smart/b', 'SMART', 'low'),
    rule('reporting/c', 'reporting', 'medium'),
  ];

  it('weighs each component by severity and the total by component weight; evaluasi is left out', () => {
    const stats: RuleStats = new Map([
      ['smart/a', { evaluated: 10, fired: 5 }], // passes 50 %, weight 3
      ['smart/b', { evaluated: 10, fired: 0 }], // passes 100 %, weight 1
      ['reporting/c', { evaluated: 1, fired: 1 }], // passes 0 %
    ]);
    const score = lkeScore(rules, stats);
    expect(score.components.map((c) => [c.id, c.score])).toEqual([
      ['perencanaan', 62.5], // (3·0.5 + 1·1) / 4
      ['pengukuran', null],
      ['pelaporan', 0],
      ['evaluasi', null],
    ]);
    expect(score.total).toBe(41.67); // (62.5·30 + 0·15) / 45
    expect(score.grade).toBe('C');
  });

  it('grades on bands that exclude their lower bound', () => {
    const all = (fired: number) =>
      lkeScore([rule('smart/a', 'SMART', 'high')], new Map([['smart/a', { evaluated: 10, fired }]]));
    expect(all(1).total).toBe(90);
    expect(all(1).grade).toBe('A');
    expect(all(0).grade).toBe('AA');
  });
});
