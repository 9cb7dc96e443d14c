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

interface Plan<C> {
  readonly prepared: readonly (readonly [string, (context: C) => unknown])[];
  /** Batch facts' `prepare`s, one per function (facts sharing one share its part): [part, prepare]. */
  readonly parts: readonly (readonly [string, (context: C) => unknown])[];
  /** Batch facts: [name, part (or undefined), finish]. */
  readonly batch: readonly (readonly [string, string | undefined, (input: FinishInput) => unknown])[];
}
const plans = new WeakMap<object, Plan<never>>();

/** How a scope's definitions prepare and finish, worked out once per scope. */
function planOf<C>(definitions: FactDefinitions<C>): Plan<C> {
  const known = plans.get(definitions) as Plan<C> | undefined;
  if (known) return known;
  const partOf = new Map<(context: C) => unknown, string>();
  const plan: Plan<C> = { prepared: [], parts: [], batch: [] };
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.compute) {
      (plan.prepared as [string, (context: C) => unknown][]).push([name, definition.compute]);
      continue;
    }
    const prepare = definition.prepare;
    if (prepare && !partOf.has(prepare)) {
      partOf.set(prepare, name);
      (plan.parts as [string, (context: C) => unknown][]).push([name, prepare]);
    }
    (plan.batch as [string, string | undefined, (input: FinishInput) => unknown][]).push([
      name,
      prepare ? partOf.get(prepare) : undefined,
      definition.finish,
    ]);
  }
  plans.set(definitions, plan);
  return plan;
}

/**
 * Prepares every fact of a scope for one context (the batch-independent part). Facts named in `omit` are
 * left out (the same for every set of an organisation: kept once, given back by `finishFacts`).
 */
export function prepareFacts<C>(
  definitions: FactDefinitions<C>,
  context: C,
  omit?: ReadonlySet<string>,
): PreparedFacts {
  const plan = planOf(definitions);
  const facts: Record<string, unknown> = {};
  const parts: Record<string, unknown> = {};
  for (const [name, compute] of plan.prepared) if (!omit?.has(name)) facts[name] = compute(context);
  for (const [name, prepare] of plan.parts) parts[name] = prepare(context);
  return { facts, parts };
}

/** Every fact of a scope for one batch: the prepared facts (with `common` ones), and the batch facts finished. */
export function finishFacts<C>(
  definitions: FactDefinitions<C>,
  prepared: PreparedFacts,
  batch: BatchContext,
  deadlines: Deadlines,
  common?: Readonly<Record<string, unknown>>,
  inPlace = false,
): Record<string, unknown> {
  // In place: the prepared facts object becomes the set's facts (a batch reading the read model owns the
  // parsed objects; copying tens of properties per set costs more than the rest of finishing).
  const facts: Record<string, unknown> = inPlace ? prepared.facts : { ...prepared.facts };
  if (common) Object.assign(facts, common);
  for (const [name, part, finish] of planOf(definitions).batch)
    facts[name] = finish({
      facts: prepared.facts,
      prepared: part === undefined ? undefined : prepared.parts[part],
      batch,
      deadlines,
    });
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
