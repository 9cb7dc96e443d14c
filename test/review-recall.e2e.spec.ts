import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE, ROOT, sakip } from './support/cli';

interface Record {
  rule: string;
  class: string | null;
  organisation: string;
  document: string | null;
  node: string | null;
  indicator: string | null;
  period: string | null;
  subjects: { node: string | null; indicator: string | null }[];
  message: { id: string; en: string };
}

const EXPECTED = join(ROOT, 'fixtures', 'karanganyar-expected-findings.tsv');
/** Rules that may name a history or reference item: they judge what was reprinted or cited, not the plan. */
const NOT_PLAN_RULES = new Set([
  'consistency/copied-realisations',
  'consistency/statements-conflict',
  'data-quality/value-unreadable',
]);

/**
 * `sakip review` on the shared fixture, scored the way the checker scores it (shared/tools/recall.py): a
 * detectable expert finding is found when some finding has one of its classes and names one of its
 * subjects (an indicator counts for its node; the organisation id for the document as a whole).
 */
describe('sakip review on the Karanganyar Renstra: what an expert evaluator finds', () => {
  let records: Record[];
  const bundle = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    indicators: { id: string; node: string; role?: string }[];
    nodes: { id: string; role?: string }[];
  };
  const nodeOf = new Map(bundle.indicators.map((i) => [i.id, i.node]));
  const widen = (ids: readonly (string | null | undefined)[]) => {
    const out = new Set<string>();
    for (const id of ids) {
      if (!id) continue;
      out.add(id);
      const node = nodeOf.get(id);
      if (node) out.add(node);
    }
    return out;
  };

  beforeAll(async () => {
    const run = await sakip(['review', FIXTURE, '--format', 'jsonl', '--now', '2026-11-30']);
    expect(run.code).toBe(0);
    records = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record);
  }, 60_000);

  it('finds at least 90 % of the findings the data shows', () => {
    const rows = readFileSync(EXPECTED, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
    const detectable = rows.filter((r) => r[1]?.trim() === 'yes');
    const findings = records.map((f) => ({
      class: f.class,
      ids: widen([
        f.node,
        f.indicator,
        ...(f.node || f.indicator ? [] : [f.organisation]),
        ...f.subjects.flatMap((s) => [s.node, s.indicator]),
      ]),
    }));
    const missed = detectable.filter((row) => {
      const classes = new Set((row[2] ?? '').split(',').map((c) => c.trim()));
      const subjects = widen((row[3] ?? '').split(',').map((s) => s.trim()));
      return !findings.some(
        (f) => f.class !== null && classes.has(f.class) && [...f.ids].some((id) => subjects.has(id)),
      );
    });
    const recall = (detectable.length - missed.length) / detectable.length;
    if (recall < 0.9)
      throw new Error(`recall ${recall.toFixed(3)} < 0.9; missed ${missed.map((r) => r[0]).join(', ')}`);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('gives every finding a defect class and never a compliance finding', () => {
    expect(records.filter((r) => !r.class)).toEqual([]);
    expect(records.filter((r) => r.class === 'document-missing')).toEqual([]);
  });

  it('fires no plan rule on a history or reference item', () => {
    const notPlan = new Set([
      ...bundle.indicators.filter((i) => i.role && i.role !== 'plan').map((i) => i.id),
      ...bundle.nodes.filter((n) => n.role && n.role !== 'plan').map((n) => n.id),
    ]);
    const offending = records.filter(
      (r) => !NOT_PLAN_RULES.has(r.rule) && notPlan.has(r.indicator ?? r.node ?? ''),
    );
    expect(offending.map((r) => `${r.rule} ${r.indicator ?? r.node}`)).toEqual([]);
  });

  it('reports each finding once, not once per year', () => {
    const identity = (r: Record) =>
      [
        r.rule,
        r.document,
        r.subjects
          .map((s) => `${s.node}/${s.indicator}`)
          .sort()
          .join(','),
        r.period,
      ].join('|');
    expect(new Set(records.map(identity)).size).toBe(records.length);
  });

  it('names its subjects by bundle ids and says what is wrong in both languages, without raw JSON', () => {
    const ids = new Set([...bundle.indicators.map((i) => i.id), ...bundle.nodes.map((n) => n.id)]);
    for (const r of records) {
      for (const s of r.subjects) expect(ids.has(s.indicator ?? s.node ?? '')).toBe(true);
      expect(r.message.id).not.toMatch(/[{}[\]"]\s*:|\{\w+\}/);
      expect(r.message.en).not.toMatch(/[{}[\]"]\s*:|\{\w+\}/);
    }
  });
});
