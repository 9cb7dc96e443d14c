/** A domain event before it is stored: a type name (never renamed) and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * A decider (as in emmett / Jérémie Chassaing): pure functions over an aggregate's events.
 * `decide` returns the events a command causes (none for a no-op) or throws a DomainError.
 */
export interface Decider<State, C extends Command, E extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: E) => State;
  readonly decide: (command: C, state: State) => readonly E[];
}

export function fold<State, E extends DomainEvent>(
  decider: Pick<Decider<State, never, E>, 'initialState' | 'evolve'>,
  events: readonly E[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
