/**
 * The draft rule the evaluation, web-API and browser tests author: a key indicator (IKU) without a formula.
 * `changes` replace top-level fields (id, title, severity, examples) where a test needs its own variant.
 */
export const ikuWithoutFormulaRule = (changes: Record<string, unknown> = {}) => ({
  id: 'smart/iku-without-formula',
  title: { id: 'IKU tanpa formula', en: 'Key indicator without formula' },
  description: 'A key performance indicator (IKU) must say how it is measured.',
  category: 'SMART',
  severity: 'high',
  class: 'indicator-undefined',
  reference: 'PermenPANRB 88/2021, LKE Perencanaan Kinerja',
  scope: 'indicator',
  conditions: {
    all: [
      { fact: 'iku', operator: 'equal', value: true },
      { fact: 'hasFormula', operator: 'equal', value: false },
    ],
  },
  event: {
    type: 'finding',
    params: {
      message: {
        id: 'IKU "{indicatorName}" tanpa formula.',
        en: 'Key indicator "{indicatorName}" has no formula.',
      },
    },
  },
  examples: {
    fires: [{ iku: true, hasFormula: false }],
    doesNotFire: [
      { iku: true, hasFormula: true },
      { iku: false, hasFormula: false },
    ],
  },
  ...changes,
});
