import Ajv from 'ajv';
import { join } from 'node:path';
import { runExamples } from './examples';
import { FACT_CATALOGUE } from './facts/catalogue';
import { loadRules } from './loader';
import { RULE_CATEGORIES, SCOPES, type RuleFile } from './rule';
import { RULE_SCHEMA, validateRule } from './validate';

const RULES_DIR = join(__dirname, '..', '..', '..', 'rules');

/** Every rule file under rules/: valid, with examples of both kinds that behave as stated. */
describe('the rule files', () => {
  let rules: RuleFile[];
  beforeAll(async () => {
    const loaded = await loadRules(RULES_DIR);
    expect(loaded.problems).toEqual([]);
    rules = loaded.rules;
  });

  it('hold at least 25 rules covering every category', () => {
    expect(rules.length).toBeGreaterThanOrEqual(25);
    expect(new Set(rules.map((r) => r.category))).toEqual(new Set(RULE_CATEGORIES));
  });

  it('each behave as their examples say, in the compiled evaluator and in json-rules-engine', async () => {
    const failures = [];
    for (const rule of rules) {
      expect(rule.examples.fires.length).toBeGreaterThan(0);
      expect(rule.examples.doesNotFire.length).toBeGreaterThan(0);
      for (const outcome of await runExamples(rule)) if (!outcome.passed) failures.push(outcome);
    }
    expect(failures).toEqual([]);
  });
});

describe('rule validation', () => {
  const valid = (): Record<string, unknown> => ({
    id: 'smart/example',
    title: { id: 'Contoh', en: 'Example' },
    description: 'An example rule for the tests.',
    category: 'SMART',
    severity: 'low',
    class: 'indicator-unit',
    reference: 'PermenPANRB 88/2021',
    scope: 'indicator',
    conditions: { all: [{ fact: 'hasUnit', operator: 'equal', value: false }] },
    event: {
      type: 'finding',
      params: { message: { id: 'Tanpa satuan: {indicatorName}', en: 'No unit: {indicatorName}' } },
    },
    examples: { fires: [{ hasUnit: false }], doesNotFire: [{ hasUnit: true }] },
  });

  it('accepts a valid rule', () => {
    expect(validateRule(valid(), 'smart/example')).toEqual([]);
  });

  // validateRule compiles the schema without checking it against the meta-schema (start-up time): this does.
  it('checks rules against a valid JSON Schema (rules/rule.schema.json, draft-07 meta-schema)', () => {
    const ajv = new Ajv({ allErrors: true });
    expect(ajv.validateSchema(RULE_SCHEMA)).toBe(true);
    expect(ajv.errors ?? []).toEqual([]);
  });

  it('explains schema problems in plain words', () => {
    const rule = valid();
    delete rule['severity'];
    rule['category'] = 'beauty';
    rule['colour'] = 'red';
    expect(validateRule(rule)).toEqual(
      expect.arrayContaining([
        { path: '(rule)', message: '"severity" is required' },
        {
          path: 'category',
          message:
            'must be one of: SMART, cascading, consistency, budget, timeliness, reporting, data-quality',
        },
        { path: '(rule)', message: '"colour" is not a field of a rule here' },
      ]),
    );
  });

  it('names facts that are not in the catalogue of the scope, unknown operators, placeholders and example facts', () => {
    const rule = valid();
    rule['conditions'] = {
      all: [
        { fact: 'hasUnits', operator: 'equal', value: false },
        { fact: 'level', operator: 'equal', value: 'program' },
        { fact: 'hasUnit', operator: 'isTrue', value: true },
      ],
    };
    rule['event'] = { type: 'finding', params: { message: { id: '{nama}', en: '{indicatorName}' } } };
    rule['examples'] = { fires: [{ hasUnits: false }], doesNotFire: [{ hasUnit: true }] };
    expect(validateRule(rule, 'smart/other')).toEqual([
      {
        path: 'conditions.all[0].fact',
        message: '"hasUnits" is not a fact of scope "indicator" (did you mean hasUnit?)',
      },
      {
        path: 'conditions.all[1].fact',
        message: '"level" is not a fact of scope "indicator" (did you mean nodeLevel?)',
      },
      {
        path: 'conditions.all[2].operator',
        message: expect.stringContaining('"isTrue" is not an operator; use one of equal,'),
      },
      { path: 'event.params.message.id', message: 'placeholder {nama} is not a fact of scope "indicator"' },
      { path: 'examples.fires[0].hasUnits', message: '"hasUnits" is not a fact of scope "indicator"' },
      { path: 'id', message: 'is "smart/example" but the file\'s place says "smart/other"' },
    ]);
  });

  it('has a catalogue entry with a description for every fact of every scope', () => {
    for (const scope of SCOPES)
      for (const [name, info] of Object.entries(FACT_CATALOGUE[scope])) {
        expect({ name, described: info.description.length > 5 }).toEqual({ name, described: true });
      }
  });
});
