import { compareGrades, gradeForScore, GRADES } from './grade';

describe('SAKIP grades', () => {
  it('orders D < C < CC < B < BB < A < AA', () => {
    expect([...GRADES].sort(compareGrades)).toEqual(['D', 'C', 'CC', 'B', 'BB', 'A', 'AA']);
    expect(compareGrades('BB', 'B')).toBeGreaterThan(0);
  });

  it.each([
    [100, 'AA'],
    [90.01, 'AA'],
    [90, 'A'],
    [80.5, 'A'],
    [80, 'BB'],
    [70, 'B'],
    [60, 'CC'],
    [50, 'C'],
    [30.01, 'C'],
    [30, 'D'],
    [0, 'D'],
  ])('a score of %d is %s (bands exclude their lower bound)', (score, grade) => {
    expect(gradeForScore(score)).toBe(grade);
  });
});
