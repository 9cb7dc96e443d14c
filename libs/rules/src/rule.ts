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
  readonly reference: string;
  readonly scope: Scope;
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

export interface Finding {
  readonly ruleId: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly scope: Scope;
  readonly subject: Subject;
  readonly message: Bilingual;
  readonly evidence: {
    readonly facts: Readonly<Record<string, FactValue>>;
    readonly eventIds: readonly string[];
  };
}
