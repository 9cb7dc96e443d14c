import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { RuleSetCommand } from './rule-set.commands';
import type { RuleSetEvent, RuleSetVersion } from './rule-set.events';

export interface RuleSetState {
  readonly versions: readonly RuleSetVersion[];
}

export const currentRuleSet = (state: RuleSetState): RuleSetVersion | undefined =>
  state.versions[state.versions.length - 1];

export const ruleSetDecider: Decider<RuleSetState, RuleSetCommand, RuleSetEvent> = {
  initialState: () => ({ versions: [] }),

  evolve(state, event) {
    switch (event.type) {
      case 'RuleSetPublished':
        return { versions: [...state.versions, event.data] };
      default: {
        const never: never = event.type;
        return never;
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'PublishRuleSet': {
        if (command.data.rules.length === 0)
          throw new DomainError('RULE_SET_EMPTY', {
            id: 'Set aturan tidak boleh kosong.',
            en: 'A rule set cannot be empty.',
          });
        if (currentRuleSet(state)?.hash === command.data.hash) return [];
        return [{ type: 'RuleSetPublished', data: { ...command.data, version: state.versions.length + 1 } }];
      }
      default: {
        const never: never = command.type;
        return never;
      }
    }
  },
};
