/** Nest injection tokens for the infrastructure objects (plain classes, opened before Nest starts). */
export const INFRASTRUCTURE = Symbol('Infrastructure');
export const EVENT_STORE = Symbol('EventStore');
export const SQL_DATABASE = Symbol('SqlDatabase');
export const CLOCK = Symbol('Clock');
export const READ_MODELS = Symbol('ReadModels');
