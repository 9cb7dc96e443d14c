import {
  DEFAULT_SETTINGS,
  RuleSet,
  SCOPES,
  buildFactSets,
  foldOrganisation,
  referenceEngine,
  referenceFired,
  type FactSet,
} from '@sakip/rules';
import { START } from '@sakip/event-store';
import { BundleImporter } from '../bundles/bundle-import';
import { Evaluator } from '../evaluations/evaluator';
import { loadRules } from '@sakip/rules';
import { DEFAULT_RULES_DIR } from '../evaluations/rule-sets';
import { openInfrastructure, type Infrastructure } from '../wiring/infrastructure';
import { settingsFromEnv } from '../settings/settings';
import { importContext } from '../testing/fixtures';
import { GENERATED_EVALUATION, generateBundles, manifestOf, type GenerateOptions } from './generator';

const OPTIONS: GenerateOptions = {
  governments: 3,
  opds: 4,
  seed: 7,
  shape: { programs: 2, kegiatan: 2, subkegiatan: 3 },
  // Raised so that a small set still holds every kind of defect.
  defectRates: {
    targetJump: 0.05,
    unparseableRealisation: 0.03,
    budgetMismatch: 0.2,
    latePk: 0.4,
    lateLkjip: 0.4,
  },
};

/**
 * A small generated dataset: the product finds exactly the defects the generator put in, and the
 * compiled evaluator agrees with json-rules-engine on every rule and every fact set (differential test).
 */
describe('generated data', () => {
  let infra: Infrastructure;
  let factSets: FactSet[];
  let ruleSet: RuleSet;

  beforeAll(async () => {
    infra = await openInfrastructure(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
    const importer = new BundleImporter(infra.store);
    for (const { bundle } of generateBundles(OPTIONS))
      expect((await importer.import(bundle, importContext())).ok).toBe(true);
    await infra.projector.catchUp();
    const loaded = await loadRules(DEFAULT_RULES_DIR);
    ruleSet = new RuleSet(loaded.rules);
    factSets = [];
    for (const organisation of await infra.readModels.planTree.organisations()) {
      const events = await infra.store.readAll({ after: START, partitionKey: organisation.organisationId });
      factSets.push(
        ...buildFactSets(foldOrganisation(organisation.organisationId, events), {
          evaluationYear: GENERATED_EVALUATION.year,
          now: GENERATED_EVALUATION.now,
          settings: DEFAULT_SETTINGS,
        }),
      );
    }
  }, 120_000);
  afterAll(() => infra.close());

  it('is the same for the same seed', () => {
    const first = [...generateBundles({ ...OPTIONS, governments: 1 })];
    const again = [...generateBundles({ ...OPTIONS, governments: 1 })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('gives exactly the findings the generator expects, per rule', async () => {
    const manifest = manifestOf(OPTIONS, generateBundles(OPTIONS));
    expect(Object.keys(manifest.expectedFindings).length).toBe(8);
    const evaluator = new Evaluator(infra.store, infra.readModels, infra.projector);
    const organisations = await evaluator.organisations();
    const { findings } = await evaluator.evaluate(ruleSet, organisations, await infra.store.headPosition(), {
      ...GENERATED_EVALUATION,
      settings: DEFAULT_SETTINGS,
      kinds: ['review', 'compliance'],
    });
    const counted: Record<string, number> = {};
    for (const f of findings) counted[f.ruleId] = (counted[f.ruleId] ?? 0) + 1;
    expect(counted).toEqual(manifest.expectedFindings);
  });

  it('fires exactly the rules json-rules-engine fires, on every fact set', async () => {
    const engines = new Map(
      SCOPES.map((scope) => [scope, referenceEngine(ruleSet.rules.filter((r) => r.scope === scope))]),
    );
    const differences: { key: string; compiled: string[]; reference: string[] }[] = [];
    let compared = 0;
    for (const set of factSets) {
      const compiled = ruleSet
        .rulesOf(set.scope)
        .filter((r) => r.test(set.facts))
        .map((r) => r.rule.id)
        .sort();
      const reference = await referenceFired(engines.get(set.scope)!, set.facts);
      compared++;
      if (JSON.stringify(compiled) !== JSON.stringify(reference))
        differences.push({ key: set.key, compiled, reference });
    }
    expect(compared).toBeGreaterThan(500);
    expect(differences).toEqual([]);
  }, 60_000);
});
