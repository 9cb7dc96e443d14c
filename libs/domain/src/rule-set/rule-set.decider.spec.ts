import { deciderSpec } from '../testing/decider-spec';
import { ruleSetDecider } from './rule-set.decider';
import type { RuleSetEvent } from './rule-set.events';

const spec = deciderSpec(ruleSetDecider);
const change = { kind: 'published' as const, ruleIds: ['smart/a'] };
const published = (version: number, hash: string): RuleSetEvent => ({
  type: 'RuleSetPublished',
  data: { version, hash, rules: [{ id: 'smart/a' }], change },
});

describe('rule set', () => {
  it('publishes the first version as 1', () =>
    spec
      .given([])
      .when({ type: 'PublishRuleSet', data: { hash: 'h1', rules: [{ id: 'smart/a' }], change } })
      .then([published(1, 'h1')]));

  it('publishes changed rules as the next version', () =>
    spec
      .given([published(1, 'h1')])
      .when({ type: 'PublishRuleSet', data: { hash: 'h2', rules: [{ id: 'smart/a' }], change } })
      .then([published(2, 'h2')]));

  it('does nothing when the rules equal the current version', () =>
    spec
      .given([published(1, 'h1')])
      .when({ type: 'PublishRuleSet', data: { hash: 'h1', rules: [{ id: 'smart/a' }], change } })
      .thenNothingHappens());

  it('keeps the comment with the version it publishes', () =>
    spec
      .given([published(1, 'h1')])
      .when({
        type: 'PublishRuleSet',
        data: { hash: 'h2', rules: [{ id: 'smart/a' }], change: { ...change, comment: 'why' } },
      })
      .then([
        {
          type: 'RuleSetPublished',
          data: { version: 2, hash: 'h2', rules: [{ id: 'smart/a' }], change: { ...change, comment: 'why' } },
        },
      ]));

  it('refuses an empty rule set', () =>
    spec
      .given([])
      .when({ type: 'PublishRuleSet', data: { hash: 'h0', rules: [], change } })
      .thenFails('RULE_SET_EMPTY'));
});
