import type { Scope } from '../rule';
import type { Deadlines, EvaluationSettings } from '../settings';

export type FactType =
  'string' | 'number' | 'boolean' | 'date' | 'string[]' | 'number[]' | 'value' | 'pair' | 'object';

export interface FactInfo {
  readonly type: FactType;
  /** Whether the fact may be null (not known for this subject). */
  readonly nullable?: boolean;
  readonly description: string;
  /** Depends on the batch (year, date, settings): finished per batch, not stored in the facts read model. */
  readonly batch?: boolean;
}

/** What a batch gives every fact set: the year, the date and the settings (deadlines, tolerance, convention). */
export interface BatchContext {
  readonly evaluationYear: number;
  /** The date the batch evaluates as of (YYYY-MM-DD). */
  readonly now: string;
  readonly settings: EvaluationSettings;
}

/** What finishing a fact sees: the set's prepared facts, this fact's prepared part, and the batch. */
export interface FinishInput {
  readonly facts: Readonly<Record<string, unknown>>;
  /** What the fact's `prepare` returned (JSON: it is stored in the facts read model). */
  readonly prepared: unknown;
  readonly batch: BatchContext;
  /** The deadlines of the organisation's government under the batch's settings. */
  readonly deadlines: Deadlines;
}

/**
 * A prepared fact: a pure function of the organisation's events, computed once per change of the
 * organisation and stored in the facts read model.
 */
export interface PreparedFactDefinition<C> extends FactInfo {
  readonly compute: (context: C) => unknown;
  readonly finish?: never;
}

/**
 * A batch fact: its value depends on the batch (`now`, the year, deadlines, tolerance, lower-is-better
 * convention). `prepare` keeps what it needs of the organisation's events (stored beside the prepared facts);
 * `finish` computes the value for one batch from that and the set's prepared facts.
 */
export interface BatchFactDefinition<C> extends FactInfo {
  readonly prepare?: (context: C) => unknown;
  readonly finish: (input: FinishInput) => unknown;
  readonly compute?: never;
}

/** A fact, defined once: what it is (type, meaning) and how it is computed from its scope's context. */
export type FactDefinition<C> = PreparedFactDefinition<C> | BatchFactDefinition<C>;

export type FactDefinitions<C> = Readonly<Record<string, FactDefinition<C>>>;

/** The definitions of one scope. */
export interface ScopeFacts<C> {
  readonly scope: Scope;
  readonly facts: FactDefinitions<C>;
}

export function defineScopeFacts<C>(scope: Scope, facts: FactDefinitions<C>): ScopeFacts<C> {
  return { scope, facts };
}

/** The part of a fact set that does not depend on the batch: prepared facts and the batch facts' parts. */
export interface PreparedFacts {
  readonly facts: Record<string, unknown>;
  /** Per batch fact with a `prepare`: what it prepared. */
  readonly parts: Record<string, unknown>;
}

/** Prepares every fact of a scope for one context (the batch-independent part). */
export function prepareFacts<C>(definitions: FactDefinitions<C>, context: C): PreparedFacts {
  const facts: Record<string, unknown> = {};
  const parts: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.compute) facts[name] = definition.compute(context);
    else if (definition.prepare) parts[name] = definition.prepare(context);
  }
  return { facts, parts };
}

/** Every fact of a scope for one batch: the prepared facts, and the batch facts finished (in catalogue order). */
export function finishFacts<C>(
  definitions: FactDefinitions<C>,
  prepared: PreparedFacts,
  batch: BatchContext,
  deadlines: Deadlines,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(definitions))
    facts[name] = definition.finish
      ? definition.finish({ facts: prepared.facts, prepared: prepared.parts[name], batch, deadlines })
      : prepared.facts[name];
  return facts;
}

/** Whether a fact depends on the batch. */
export const isBatchFact = <C>(definition: FactDefinition<C>): boolean => definition.finish !== undefined;

/** The catalogue entry of a definition: everything but how it is computed. */
export function infoOf<C>(definition: FactDefinition<C>): FactInfo {
  const { type, nullable, description } = definition;
  return {
    type,
    ...(nullable === undefined ? {} : { nullable }),
    description,
    ...(definition.finish ? { batch: true } : {}),
  };
}

const caches = new WeakMap<object, Map<unknown, unknown>>();

/**
 * A computation shared by several facts of one subject (a list and its count), done once per context:
 * the facts stay independent definitions, the work is not repeated.
 */
export function once<C extends object, T>(compute: (context: C) => T): (context: C) => T {
  return (context) => {
    let cache = caches.get(context);
    if (!cache) caches.set(context, (cache = new Map()));
    if (cache.has(compute)) return cache.get(compute) as T;
    const value = compute(context);
    cache.set(compute, value);
    return value;
  };
}
