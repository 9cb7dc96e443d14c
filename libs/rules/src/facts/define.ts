import type { Scope } from '../rule';

export type FactType =
  'string' | 'number' | 'boolean' | 'date' | 'string[]' | 'number[]' | 'value' | 'pair' | 'object';

export interface FactInfo {
  readonly type: FactType;
  /** Whether the fact may be null (not known for this subject). */
  readonly nullable?: boolean;
  readonly description: string;
}

/** A fact, defined once: what it is (type, meaning) and how it is computed from its scope's context. */
export interface FactDefinition<C> extends FactInfo {
  readonly compute: (context: C) => unknown;
}

export type FactDefinitions<C> = Readonly<Record<string, FactDefinition<C>>>;

/** The definitions of one scope. */
export interface ScopeFacts<C> {
  readonly scope: Scope;
  readonly facts: FactDefinitions<C>;
}

export function defineScopeFacts<C>(scope: Scope, facts: FactDefinitions<C>): ScopeFacts<C> {
  return { scope, facts };
}

/** Computes every fact of a scope for one context. */
export function computeFacts<C>(definitions: FactDefinitions<C>, context: C): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(definitions)) facts[name] = definition.compute(context);
  return facts;
}

/** The catalogue entry of a definition: everything but how it is computed. */
export function infoOf<C>({ compute: _compute, ...info }: FactDefinition<C>): FactInfo {
  return info;
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
