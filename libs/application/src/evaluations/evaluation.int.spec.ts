import { randomUUID } from 'node:crypto';
import { streamIds } from '@sakip/domain';
import { DEFAULT_SETTINGS, type Finding } from '@sakip/rules';
import { BundleImporter } from '../bundles/bundle-import';
import { openInfrastructure, type Infrastructure } from '../wiring/infrastructure';
import { settingsFromEnv } from '../settings/settings';
import { CommandPipeline } from '../pipeline/command-pipeline';
import { indicatorDecider } from '@sakip/domain';
import { asNewOrganisation, importContext, loadFixture, TEST_ACTOR } from '../testing/fixtures';
import { Evaluator } from './evaluator';
import { DEFAULT_RULES_DIR, RuleSets } from './rule-sets';

const ORG = 'dinsos-karanganyar';
const context = () => ({ actor: TEST_ACTOR, now: '2026-11-24T08:00:00.000Z', correlationId: randomUUID() });
const request = { year: 2025, now: '2026-11-24', settings: DEFAULT_SETTINGS };

/** The starting rule set on the Karanganyar Renstra: the findings the issue names, and reproducibility. */
describe('evaluation of the Karanganyar Renstra (embedded store)', () => {
  let infra: Infrastructure;
  let evaluator: Evaluator;
  let ruleSets: RuleSets;
  let findings: Finding[];
  const of = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

  beforeAll(async () => {
    infra = await openInfrastructure(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
    const imported = await new BundleImporter(infra.store).import(loadFixture(), importContext());
    expect(imported.ok).toBe(true);
    infra.projector.start(); // as inside the API: read models follow the log
    evaluator = new Evaluator(infra.store, infra.readModels, infra.projector);
    ruleSets = new RuleSets(new CommandPipeline(infra.store));
    const stored = await ruleSets.fromDirectory(DEFAULT_RULES_DIR, context());
    expect(stored.version).toBe(1);
    findings = (await evaluator.run(stored, request, context())).findings;
  }, 60_000);
  afterAll(async () => {
    await infra.projector.stop();
    await infra.close();
  });

  it('finds sub-kegiatan indicators without formula', () => {
    const fixture = loadFixture() as Required<ReturnType<typeof loadFixture>>;
    const subkegiatan = new Set(fixture.nodes.filter((n) => n.level === 'subkegiatan').map((n) => n.id));
    const expected = fixture.indicators
      .filter((i) => subkegiatan.has(i.node) && !i.formula)
      .map((i) => i.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const found = of('smart/indicator-without-formula')
      .filter((f) => f.evidence.facts['nodeLevel'] === 'subkegiatan')
      .map((f) => f.subject.indicatorId)
      .sort();
    expect(found).toEqual(expected);
  });

  it('finds the 2100 → 1 target jump of "Fasilitasi Bantuan Sosial Kesejahteraan Keluarga"', () => {
    const jump = of('smart/implausible-target-jump').find(
      (f) => f.subject.nodeName === 'Fasilitasi Bantuan Sosial Kesejahteraan Keluarga',
    );
    expect(jump).toBeDefined();
    expect(jump!.evidence.facts['largestTargetJump']).toEqual({
      from: { year: 2024, target: 2100 },
      to: { year: 2025, target: 1 },
      ratio: 2100,
      direction: { id: 'turun', en: 'falls' },
    });
    // A drop is said as a drop, never a "jump", in both languages.
    expect(jump!.message.en).toContain('falls by a factor of 2100 from 2024 (2100) to 2025 (1)');
    expect(jump!.message.id).toContain('turun 2100 kali lipat dari tahun 2024 (2100) ke 2025 (1)');
    expect(jump!.evidence.eventIds.length).toBeGreaterThan(0);
  });

  it('finds the "Indeks reformasi birokrasi" tujuan indicator with target 0 in every plan year', () => {
    const zero = of('smart/zero-target-every-plan-year').find((f) => f.subject.indicatorId === 'T1-I1');
    expect(zero).toMatchObject({
      severity: 'high',
      subject: { organisationId: ORG, indicatorId: 'T1-I1' },
      evidence: { facts: { planYears: [2024, 2025, 2026], nodeLevel: 'tujuan' } },
    });
  });

  it('finds every budget whose parent differs from the sum of its children', () => {
    const fixture = loadFixture() as Required<ReturnType<typeof loadFixture>>;
    const amount = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));
    const budgets = new Map(fixture.budgets.map((b) => [`${b.node}|${b.year}`, amount(String(b.amount))]));
    const expected: string[] = [];
    for (const node of fixture.nodes) {
      const children = fixture.nodes.filter((n) => n.parent === node.id);
      if (children.length === 0) continue;
      for (const year of [2024, 2025, 2026]) {
        const own = budgets.get(`${node.id}|${year}`);
        const parts = children.map((c) => budgets.get(`${c.id}|${year}`));
        if (own === undefined || parts.some((p) => p === undefined || Number.isNaN(p)) || Number.isNaN(own))
          continue;
        const sum = parts.reduce<number>((a, b) => a + b!, 0);
        if (Math.abs(sum - own) > 0.5) expected.push(`${node.code ?? node.id}|${year}`);
      }
    }
    const found = of('budget/budget-not-sum-of-children').flatMap((f) =>
      (f.evidence.facts['budgetMismatchYears'] as number[]).map((y) => `${f.subject.nodeCode}|${y}`),
    );
    expect(found.sort()).toEqual(expected.sort());
  });

  it('finds a kegiatan whose budget no longer equals the sum of its sub-kegiatan', async () => {
    // The fixture's budgets add up; change one sub-kegiatan's 2025 budget in a copy of its own.
    const original = asNewOrganisation(loadFixture(), 'budget');
    const bundle = {
      ...original,
      budgets: original.budgets!.map((b) =>
        b.node === '1.06.05.2.02.03' && b.year === 2025 ? { ...b, amount: '999.000.000' } : b,
      ),
    };
    expect((await new BundleImporter(infra.store).import(bundle, importContext())).ok).toBe(true);
    const { findings: found } = await evaluator.run(
      (await ruleSets.current())!,
      { ...request, organisations: [bundle.organisation.id] },
      context(),
    );
    expect(
      found
        .filter((f) => f.ruleId === 'budget/budget-not-sum-of-children')
        .map((f) => [f.subject.nodeCode, f.evidence.facts['budgetMismatchYears']]),
    ).toEqual([['1.06.05.2.02', [2025]]]);
  });

  it("finds the two sub-kegiatan whose code does not start with their kegiatan's code", () => {
    expect(
      of('cascading/code-not-under-parent')
        .map((f) => f.subject.nodeCode)
        .sort(),
    ).toEqual(['1.06.04.2.02.02', '1.06.04.2.03.04']);
  });

  it('re-runs a stored batch to the same findings after more events were appended', async () => {
    const stored = (await ruleSets.current())!;
    const { batch } = await evaluator.run(stored, request, context());
    const kept = await evaluator.batch(batch.batchId);
    expect(kept.findings.length).toBe(batch.findingCount);

    // The world moves on: a planner revises a target after its year ended.
    const stream = streamIds.indicator(ORG, 'S1-I1');
    await new CommandPipeline(infra.store).execute(
      stream,
      indicatorDecider,
      {
        type: 'ReviseTarget',
        data: {
          organisationId: ORG,
          indicatorId: 'S1-I1',
          year: 2025,
          value: '70',
          reason: 'Penyesuaian',
          documentReference: 'Nota dinas 2026',
          effectiveOn: '2026-02-01',
        },
      },
      { ...context(), partitionKey: ORG },
    );

    const again = await evaluator.reproduce(kept.batch, await ruleSets.version(kept.batch.ruleSet.version));
    expect(again.findings).toEqual(kept.findings);

    const fresh = await evaluator.run(stored, request, context());
    const newOnes = fresh.findings.filter(
      (f) => f.subject.indicatorId === 'S1-I1' && f.ruleId.startsWith('consistency/revision'),
    );
    expect(newOnes.map((f) => f.ruleId).sort()).toEqual([
      'consistency/revision-after-period-ended',
      'consistency/revision-without-legal-basis',
    ]);
  });

  it('summarises per organisation with a draft LKE score and grade', async () => {
    const { batch } = await evaluator.run(
      (await ruleSets.current())!,
      { ...request, organisations: [ORG] },
      context(),
    );
    const summary = (
      batch.summary as { organisations: { organisationId: string; lke: { total: number; grade: string } }[] }
    ).organisations;
    expect(summary).toHaveLength(1);
    expect(summary[0]!.organisationId).toBe(ORG);
    expect(summary[0]!.lke.total).toBeGreaterThan(0);
    expect(summary[0]!.lke.total).toBeLessThanOrEqual(100);
    expect(['AA', 'A', 'BB', 'B', 'CC', 'C', 'D']).toContain(summary[0]!.lke.grade);
  });
});
