import type { DomainEvent } from '../shared/decider';

export const RULE_SET_STREAM = 'rule-set';

export type RuleSetChangeKind = 'published' | 'retired' | 'from-directory';

/** A version of the evaluation rule set: every rule in full, so a stored batch can always be re-run. */
export interface RuleSetVersion {
  readonly version: number;
  /** sha-256 of the rules (sorted by id, canonical JSON). */
  readonly hash: string;
  /** The rule files as JSON (validated and example-tested before they get here). */
  readonly rules: readonly unknown[];
  readonly change: {
    readonly kind: RuleSetChangeKind;
    readonly ruleIds: readonly string[];
    readonly note?: string;
    /** Why, in the administrator's words (versions stored before comments have none). */
    readonly comment?: string;
  };
}

/** Type names are stored forever: never rename one; add a new type instead. */
export type RuleSetEvent = DomainEvent<'RuleSetPublished', RuleSetVersion>;

export const RULE_SET_EVENT_TYPES = ['RuleSetPublished'] as const satisfies readonly RuleSetEvent['type'][];
