/** SAKIP grades, worst to best. Used both as targets ("BB") and as evaluation results. */
export const GRADES = ['D', 'C', 'CC', 'B', 'BB', 'A', 'AA'] as const;
export type Grade = (typeof GRADES)[number];

export function isGrade(text: string): text is Grade {
  return (GRADES as readonly string[]).includes(text);
}

/** 0 for D … 6 for AA. */
export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade);
}

export function compareGrades(a: Grade, b: Grade): number {
  return gradeRank(a) - gradeRank(b);
}

/**
 * The evaluation bands of PermenPANRB 88/2021 (score 0–100). A band excludes its lower bound:
 * AA >90–100, A >80–90, BB >70–80, B >60–70, CC >50–60, C >30–50, D 0–30. Exactly 90 is A.
 */
const BANDS: ReadonlyArray<readonly [lowerExclusive: number, grade: Grade]> = [
  [90, 'AA'],
  [80, 'A'],
  [70, 'BB'],
  [60, 'B'],
  [50, 'CC'],
  [30, 'C'],
];

export function gradeForScore(score: number): Grade {
  for (const [lower, grade] of BANDS) if (score > lower) return grade;
  return 'D';
}
