import type { Command } from '../shared/decider';
import type { RuleSetVersion } from './rule-set.events';

/** Publishes the given rules as the next version (nothing happens when they equal the current one). */
export type RuleSetCommand = Command<'PublishRuleSet', Omit<RuleSetVersion, 'version'>>;
