import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { compileRule, type CompiledRule } from './compile';
import type { FactSet, FactValue, Finding, RuleFile, Scope, SubjectRef } from './rule';

/** Per rule: on how many fact sets it was evaluated and how many it fired on. */
export type RuleStats = Map<string, { evaluated: number; fired: number }>;

/** A set of rules, compiled once and grouped by scope, identified by the hash of its content. */
export class RuleSet {
  readonly hash: string;
  private readonly byScope = new Map<Scope, CompiledRule[]>();

  constructor(readonly rules: readonly RuleFile[]) {
    const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
    this.hash = ruleSetHash(sorted);
    for (const rule of sorted) {
      const compiled = compileRule(rule);
      const list = this.byScope.get(rule.scope);
      if (list) list.push(compiled);
      else this.byScope.set(rule.scope, [compiled]);
    }
  }

  rulesOf(scope: Scope): readonly CompiledRule[] {
    return this.byScope.get(scope) ?? [];
  }

  /** Every finding of every rule on these fact sets, in fact-set then rule order. */
  evaluate(factSets: Iterable<FactSet>, onFinding: (finding: Finding) => void, stats?: RuleStats): number {
    let evaluations = 0;
    for (const set of factSets) {
      const rules = this.byScope.get(set.scope);
      if (!rules) continue;
      for (const compiled of rules) {
        evaluations++;
        const fired = compiled.test(set.facts);
        if (stats) {
          const s = stats.get(compiled.rule.id) ?? { evaluated: 0, fired: 0 };
          s.evaluated++;
          if (fired) s.fired++;
          stats.set(compiled.rule.id, s);
        }
        if (fired) onFinding(findingOf(compiled, set));
      }
    }
    return evaluations;
  }
}

export function ruleSetHash(rules: readonly RuleFile[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  return createHash('sha256')
    .update(stringify(sorted) ?? '')
    .digest('hex');
}

export function findingOf(compiled: CompiledRule, set: FactSet): Finding {
  const { rule } = compiled;
  const facts: Record<string, FactValue> = {};
  for (const name of compiled.facts) facts[name] = set.facts[name] ?? null;
  const own: SubjectRef = { node: set.subject.nodeId, indicator: set.subject.indicatorId };
  const more = rule.subjectsFact ? subjectRefsOf(set.facts[rule.subjectsFact]) : [];
  return {
    ruleId: rule.id,
    category: rule.category,
    class: rule.class,
    severity: rule.severity,
    scope: rule.scope,
    subject: set.subject,
    subjects: own.node || own.indicator ? [own, ...more] : more,
    message: {
      id: render(rule.event.params.message.id, set.facts, 'id'),
      en: render(rule.event.params.message.en, set.facts, 'en'),
    },
    evidence: { facts, eventIds: set.eventIds },
  };
}

function subjectRefsOf(value: FactValue): SubjectRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    if (typeof v !== 'object' || v === null) return [];
    const { node, indicator } = v as { node?: unknown; indicator?: unknown };
    return [
      {
        node: typeof node === 'string' ? node : null,
        indicator: typeof indicator === 'string' ? indicator : null,
      },
    ];
  });
}

type Language = 'id' | 'en';
const NUMBER_FORMAT: Record<Language, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};
const LABELS: Record<string, Record<Language, string>> = {
  field: { id: 'kolom', en: 'field' },
  period: { id: 'periode', en: 'period' },
  raw: { id: 'tertulis', en: 'printed' },
  values: { id: 'nilai', en: 'values' },
  table: { id: 'tabel', en: 'table' },
  target: { id: 'target', en: 'target' },
  realisation: { id: 'realisasi', en: 'realisation' },
  reported: { id: 'dilaporkan', en: 'reported' },
  computed: { id: 'dihitung', en: 'computed' },
  year: { id: 'tahun', en: 'year' },
  children: { id: 'anak', en: 'children' },
  budget: { id: 'pagu', en: 'budget' },
  issue: { id: 'masalah', en: 'issue' },
  year_value: { id: 'realisasi tahunan', en: 'year' },
  parts: { id: 'per periode', en: 'periods' },
  sum: { id: 'jumlah', en: 'sum' },
  signedOn: { id: 'ditandatangani', en: 'signed' },
  deadline: { id: 'batas', en: 'deadline' },
};

/**
 * A fact value as text for a message, in the reader's language: document values by their raw text,
 * numbers in the language's format (1.234,5 in Indonesian), lists joined, records as "key: value" — never
 * raw JSON.
 */
export function formatFact(value: FactValue, language: Language = 'en'): string {
  if (value === null || value === undefined || value === '') return '–';
  // Years print as years (2025, not 2.025).
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1900 && value <= 2200
      ? String(value)
      : NUMBER_FORMAT[language].format(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return language === 'id' ? (value ? 'ya' : 'tidak') : String(value);
  if (Array.isArray(value))
    return value.map((v) => formatFact(v, language)).join(language === 'id' ? '; ' : '; ');
  if (typeof value === 'object') {
    if ('raw' in value && 'kind' in value) return formatFact((value as { raw: unknown }).raw, language);
    // A word in both languages ({ id, en }): the reader's.
    const keys = Object.keys(value);
    if (keys.length === 2 && 'id' in value && 'en' in value)
      return formatFact((value as Record<Language, FactValue>)[language], language);
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => {
        const label = LABELS[k]?.[language] ?? k;
        const text = typeof v === 'object' ? `(${formatFact(v, language)})` : formatFact(v, language);
        return /^\d{4}$/.test(k) ? `${k}: ${text}` : `${label} ${text}`;
      })
      .join(', ');
  }
  return typeof value === 'bigint' ? value.toString() : '';
}

/** The value at a dotted path of a fact ("finalTargetCheck.expected"). */
export function factAt(facts: Readonly<Record<string, FactValue>>, path: string): FactValue {
  let current: unknown = facts;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** "{fact}" and "{fact.path}" placeholders filled with the fact set's values. */
export const PLACEHOLDER = /\{(\w+)((?:\.\w+)*)\}/g;

const MISSING = '\u0000';

/**
 * A message template with its "{fact}" placeholders filled in the reader's language. A value the facts do
 * not have is "–" on its own, and left out inside parentheses: "({nodeLevel} {nodeCode})" without a code
 * reads "(sasaran)", not "(sasaran –)"; a parenthesis left empty goes.
 */
export function renderMessage(
  template: string,
  facts: Readonly<Record<string, FactValue>>,
  language: Language,
): string {
  const filled = template.replace(PLACEHOLDER, (_m, name: string, path: string) => {
    const value = factAt(facts, `${name}${path}`);
    return value === null || value === undefined || value === '' ? MISSING : formatFact(value, language);
  });
  return filled
    .replace(/\s*\(([^()]*)\)/g, (whole, inside: string) => {
      if (!inside.includes(MISSING)) return whole;
      const kept = inside
        .split(MISSING)
        .join('')
        .replace(/\s{2,}/g, ' ')
        .replace(/^[\s,;:]+|[\s,;:]+$/g, '');
      return kept === '' ? '' : `${/^\s/.test(whole) ? ' ' : ''}(${kept})`;
    })
    .split(MISSING)
    .join('–');
}

function render(template: string, facts: Readonly<Record<string, FactValue>>, language: Language): string {
  return renderMessage(template, facts, language);
}
