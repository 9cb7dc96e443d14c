/** A rule file: a json-rules-engine rule (conditions, event, priority) plus what people need to use it. */

export const RULE_CATEGORIES = [
  'SMART',
  'cascading',
  'consistency',
  'budget',
  'timeliness',
  'reporting',
  'data-quality',
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What an evaluator's finding is about, from `sakip-defects/1` (shared/spec/defect-classes.md), by group. */
export const DEFECT_CLASSES = {
  'indicator-undefined': 'SMART',
  'indicator-unit': 'SMART',
  'indicator-level': 'SMART',
  'baseline-missing': 'SMART',
  'target-missing': 'SMART',
  'target-not-challenging': 'SMART',
  'target-implausible': 'SMART',
  'final-target': 'SMART',
  'value-unreadable': 'SMART',
  'node-without-indicator': 'cascading',
  'node-unlinked': 'cascading',
  'node-duplicates-parent': 'cascading',
  'cascade-incoherent': 'cascading',
  'values-conflict-in-document': 'consistency',
  'values-conflict-across-documents': 'consistency',
  'baseline-history': 'consistency',
  'copied-values': 'consistency',
  'period-sum': 'consistency',
  'revision-unfounded': 'consistency',
  'budget-rollup': 'budget',
  'budget-target-mismatch': 'budget',
  'achievement-misreported': 'reporting',
  'realisation-missing': 'reporting',
  'period-outside-document': 'reporting',
  'document-late': 'timeliness',
  'date-missing': 'timeliness',
  'document-missing': 'compliance',
} as const;
export type DefectClass = keyof typeof DEFECT_CLASSES;
export type ClassGroup = (typeof DEFECT_CLASSES)[DefectClass];
export const DEFECT_CLASS_NAMES = Object.keys(DEFECT_CLASSES) as DefectClass[];

/**
 * A review reports defects of what documents say (indicator, period, node and document rules); a
 * compliance evaluation reports what the store holds or lacks for an organisation and a year
 * (organisation rules: a missing LKjIP, a late submission). A review never runs organisation rules.
 */
export type EvaluationKind = 'review' | 'compliance';
export const evaluationKindOf = (rule: Pick<RuleFile, 'scope'>): EvaluationKind =>
  rule.scope === 'organisation' ? 'compliance' : 'review';

export const SCOPES = ['indicator', 'indicator-period', 'node', 'document', 'organisation'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Bilingual {
  readonly id: string;
  readonly en: string;
}

export type FactValue = unknown;
export type Facts = Readonly<Record<string, FactValue>>;

/** `{ "fact": "x" }` on the right-hand side compares with another fact, as in json-rules-engine. */
export interface FactReference {
  readonly fact: string;
  readonly path?: string;
}

export interface LeafCondition {
  readonly fact: string;
  readonly operator: string;
  /** A constant, or a FactReference to compare with another fact. */
  readonly value: FactValue;
  readonly path?: string;
}

export type Condition =
  | LeafCondition
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export type TopCondition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export interface RuleFile {
  readonly $schema?: string;
  readonly id: string;
  readonly title: Bilingual;
  readonly description: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** The defect class of every finding of this rule (sakip-defects/1). */
  readonly class: DefectClass;
  readonly reference: string;
  readonly scope: Scope;
  /**
   * A fact whose value lists further subjects (`{ node, indicator }`) of a finding about two or more
   * items: the other indicator with the same text, the children of a budget gap.
   */
  readonly subjectsFact?: string;
  readonly priority?: number;
  readonly conditions: TopCondition;
  readonly event: {
    readonly type: string;
    /** The finding's message; "{fact}" placeholders are filled with the fact set's values. */
    readonly params: { readonly message: Bilingual };
  };
  /** Facts whose values explain a finding, besides those the conditions name. */
  readonly evidence?: readonly string[];
  readonly examples: {
    readonly fires: readonly Facts[];
    readonly doesNotFire: readonly Facts[];
  };
}

/** What a finding is about. */
export interface Subject {
  readonly organisationId: string;
  readonly organisationName: string | null;
  readonly documentId: string | null;
  readonly documentTitle: string | null;
  /** The node's id in the bundle. */
  readonly nodeId: string | null;
  readonly nodeCode: string | null;
  readonly nodeName: string | null;
  readonly indicatorId: string | null;
  readonly indicatorName: string | null;
  readonly period: string | null;
}

/** One fact set: the facts a rule of its scope reads, who it is about, and the events it came from. */
export interface FactSet {
  readonly scope: Scope;
  readonly key: string;
  readonly subject: Subject;
  readonly facts: Facts;
  readonly eventIds: readonly string[];
}

/** A node or indicator a finding is about, by bundle ids. */
export interface SubjectRef {
  readonly node: string | null;
  readonly indicator: string | null;
}

export interface Finding {
  readonly ruleId: string;
  readonly category: RuleCategory;
  readonly class: DefectClass;
  readonly severity: Severity;
  readonly scope: Scope;
  readonly subject: Subject;
  /** Every node or indicator the finding is about: its own subject first, then the others. */
  readonly subjects: readonly SubjectRef[];
  readonly message: Bilingual;
  readonly evidence: {
    readonly facts: Readonly<Record<string, FactValue>>;
    readonly eventIds: readonly string[];
  };
}
