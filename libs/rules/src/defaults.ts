/**
 * The default evaluation settings and LKE weights, without the rest of the rules library (its engine,
 * compiler and schemas): settings are read by every command at start-up, `sakip --help` included.
 */
export { DEFAULT_SETTINGS, type EvaluationSettings } from './settings';
export { DEFAULT_LKE, type LkeSettings } from './lke';
