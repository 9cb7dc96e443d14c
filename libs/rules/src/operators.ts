import { gradeRank, isGrade } from '@sakip/domain';

/**
 * Operators: json-rules-engine's built-ins (same semantics, including its fact-value validators) and
 * the custom ones SAKIP needs. Both the compiled evaluator and the reference engine use these functions.
 */
export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

const numberLike = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';
const lt = (a: unknown, b: unknown) => (a as number) < (b as number);
const lte = (a: unknown, b: unknown) => (a as number) <= (b as number);

export const BUILT_IN_OPERATORS: Readonly<Record<string, OperatorFn>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numberLike(a) && lt(a, b),
  lessThanInclusive: (a, b) => numberLike(a) && lte(a, b),
  greaterThan: (a, b) => numberLike(a) && lt(b, a),
  greaterThanInclusive: (a, b) => numberLike(a) && lte(b, a),
};

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export interface CustomOperator {
  readonly fn: OperatorFn;
  readonly description: string;
}

export const CUSTOM_OPERATORS: Readonly<Record<string, CustomOperator>> = {
  gradeBelow: {
    description: 'the fact is a SAKIP grade lower than the value on AA > A > BB > B > CC > C > D',
    fn: (a, b) =>
      typeof a === 'string' &&
      typeof b === 'string' &&
      isGrade(a) &&
      isGrade(b) &&
      gradeRank(a) < gradeRank(b),
  },
  isKind: {
    description:
      'the fact is a document value of this kind: "number", "grade", "empty" or "unparseable" (e.g. "13,11,00")',
    fn: (a, b) => typeof a === 'object' && a !== null && (a as { kind?: unknown }).kind === b,
  },
  differsByMoreThan: {
    description:
      'the fact is a pair of numbers [x, y] and |x − y| is more than the value (e.g. reported vs computed achievement, in percentage points)',
    fn: (a, b) =>
      Array.isArray(a) &&
      a.length === 2 &&
      isNumber(a[0]) &&
      isNumber(a[1]) &&
      isNumber(b) &&
      Math.abs(a[0] - a[1]) > b,
  },
  dateAfter: {
    description: 'the fact and the value are dates YYYY-MM-DD and the fact is later',
    fn: (a, b) => isDate(a) && isDate(b) && a > b,
  },
  doesNotStartWith: {
    description:
      'the fact and the value are non-empty texts and the fact does not start with the value (codes)',
    fn: (a, b) => typeof a === 'string' && typeof b === 'string' && a !== '' && b !== '' && !a.startsWith(b),
  },
};

export const OPERATORS: Readonly<Record<string, OperatorFn>> = {
  ...BUILT_IN_OPERATORS,
  ...Object.fromEntries(Object.entries(CUSTOM_OPERATORS).map(([name, op]) => [name, op.fn])),
};
