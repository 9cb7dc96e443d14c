import type { Scope } from '../rule';
import { infoOf, type FactDefinitions, type FactInfo } from './define';
import { DOCUMENT_FACTS } from './document.facts';
import { INDICATOR_PERIOD_FACTS } from './indicator-period.facts';
import { INDICATOR_FACTS } from './indicator.facts';
import { NODE_FACTS } from './node.facts';
import { ORGANISATION_FACTS } from './organisation.facts';

export type { FactInfo, FactType } from './define';

const catalogueOf = <C>(facts: FactDefinitions<C>): Readonly<Record<string, FactInfo>> =>
  Object.fromEntries(Object.entries(facts).map(([name, definition]) => [name, infoOf(definition)]));

/**
 * Every fact a rule may use, per scope, with its type and meaning: derived from the fact definitions
 * (`*.facts.ts`), which also compute them. Rules naming other facts are invalid.
 */
export const FACT_CATALOGUE: Readonly<Record<Scope, Readonly<Record<string, FactInfo>>>> = {
  indicator: catalogueOf(INDICATOR_FACTS.facts),
  'indicator-period': catalogueOf(INDICATOR_PERIOD_FACTS.facts),
  node: catalogueOf(NODE_FACTS.facts),
  document: catalogueOf(DOCUMENT_FACTS.facts),
  organisation: catalogueOf(ORGANISATION_FACTS.facts),
};

export function isKnownFact(scope: Scope, fact: string): boolean {
  return Object.prototype.hasOwnProperty.call(FACT_CATALOGUE[scope], fact);
}

/** The catalogue as Markdown (docs/facts.md is this text; a test keeps it current). */
export function factCatalogueMarkdown(): string {
  const lines = [
    '# Facts',
    '',
    'Generated from `libs/rules/src/facts/*.facts.ts` (`npm run docs:facts`, or `./sakip rules facts`); do not edit by hand.',
    'A rule of a scope may use the facts of that scope. `?` marks a fact that may be null.',
    'Facts marked *batch* depend on the batch (its year, date or settings) and are finished for each batch;',
    'the others are prepared once per change of the organisation and kept in the facts read model.',
    '',
  ];
  for (const [scope, facts] of Object.entries(FACT_CATALOGUE)) {
    lines.push(`## ${scope}`, '', '| fact | type | meaning |', '|---|---|---|');
    for (const [name, info] of Object.entries(facts))
      lines.push(
        `| \`${name}\` | ${info.type}${info.nullable ? '?' : ''}${info.batch ? ' *batch*' : ''} | ${info.description.replace(/\|/g, '\\|')} |`,
      );
    lines.push('');
  }
  return lines.join('\n');
}
