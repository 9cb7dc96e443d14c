import { randomUUID } from 'node:crypto';
import { indicatorDecider, streamIds } from '@sakip/domain';
import { comparePositions, parsePosition, type Position } from '@sakip/event-store';
import {
  describeWithPostgres,
  dropSchema,
  openTestPostgres,
  TEST_DATABASE_URL,
  uniqueSchemaName,
} from '@sakip/event-store/testing';
import {
  DEFAULT_SETTINGS,
  foldOrganisation,
  parsePrepared,
  prepareFactSets,
  PREPARED_FORMAT,
  RuleSet,
  type PreparedOrganisation,
} from '@sakip/rules';
import { BundleImporter } from '../bundles/bundle-import';
import { CommandPipeline } from '../pipeline/command-pipeline';
import { settingsFromEnv } from '../settings/settings';
import { asNewOrganisation, importContext, loadFixture, TEST_ACTOR } from '../testing/fixtures';
import { openInfrastructure, type Infrastructure } from '../wiring/infrastructure';
import { SplitEvaluation } from './evaluation-plan';
import { Evaluator } from './evaluator';
import { eventsOf } from './prepared-facts';
import { DEFAULT_RULES_DIR, RuleSets, type StoredRuleSet } from './rule-sets';

const context = () => ({ actor: TEST_ACTOR, now: '2026-11-24T08:00:00.000Z', correlationId: randomUUID() });
const request = {
  year: 2025,
  now: '2026-11-24',
  settings: DEFAULT_SETTINGS,
  kinds: ['review', 'compliance'] as const,
};

/** The facts read model, batches reading it as of their position, and split batches. */
function factsReadModelSuite(env: () => Record<string, string>) {
  let infra: Infrastructure;
  let evaluator: Evaluator;
  let ruleSets: RuleSets;
  let stored: StoredRuleSet;
  let organisations: string[];

  const preparedAsOf = async (asOf: Position) => {
    const found: Record<string, { prepared: PreparedOrganisation | undefined; source: string }> = {};
    for await (const { organisationId, prepared, source } of evaluator.prepared.asOf(organisations, asOf))
      found[organisationId] = {
        prepared: JSON.parse(JSON.stringify(prepared)) as PreparedOrganisation,
        source,
      };
    return found;
  };

  beforeAll(async () => {
    infra = await openInfrastructure(settingsFromEnv(env()));
    const importer = new BundleImporter(infra.store);
    organisations = [];
    for (let i = 0; i < 2; i++) {
      const bundle = asNewOrganisation(loadFixture(), 'facts');
      expect((await importer.import(bundle, importContext())).ok).toBe(true);
      organisations.push(bundle.organisation.id);
    }
    ruleSets = new RuleSets(new CommandPipeline(infra.store));
    stored = await ruleSets.fromDirectory(DEFAULT_RULES_DIR, context());
    await infra.projector.catchUp();
    evaluator = new Evaluator(infra.store, infra.readModels, infra.projector);
  }, 120_000);
  afterAll(async () => {
    await infra.close();
  }, 240_000);

  it('keeps a row per organisation at its latest event; refresh prepares it as of that position', async () => {
    // Given organisations imported and projected
    const before = await infra.readModels.facts.rows(organisations);
    expect(before.map((r) => r.organisationId)).toEqual(organisations);
    for (const row of before) {
      const events = await eventsOf(infra.store, row.organisationId, await infra.store.headPosition());
      expect(row.position).toEqual(events[events.length - 1]!.position);
      expect(row.prepared).toBeNull();
    }
    // When the stale rows are prepared
    expect(await evaluator.prepared.refresh()).toBe(2);
    // Then each row holds the prepared fact sets of its events, as of its position
    for (const row of await infra.readModels.facts.rows(organisations)) {
      expect(row.preparedPosition).toEqual(row.position);
      const events = await eventsOf(infra.store, row.organisationId, row.position);
      expect(row.preparedFormat).toBe(PREPARED_FORMAT);
      expect(parsePrepared(row.prepared!)).toEqual(
        JSON.parse(JSON.stringify(prepareFactSets(foldOrganisation(row.organisationId, events)))),
      );
    }
    expect(await evaluator.prepared.refresh()).toBe(0);
    // A row prepared in an older format is stale: a batch folds that organisation, refresh prepares it again
    const [first] = await infra.readModels.facts.rows(organisations);
    await infra.readModels.facts.store([
      { ...first!, prepared: first!.prepared!, format: PREPARED_FORMAT - 1, position: first!.position },
    ]);
    const sources: string[] = [];
    for await (const { source } of evaluator.prepared.asOf(organisations, await infra.store.headPosition()))
      sources.push(source);
    expect(sources).toEqual(['fold', 'read-model']);
    expect(await evaluator.prepared.refresh()).toBe(1);
    const [again] = await infra.readModels.facts.rows(organisations);
    expect(again!.preparedFormat).toBe(PREPARED_FORMAT);
    expect(again!.prepared).toBe(first!.prepared);
  }, 240_000);

  it('gives a batch the same findings from prepared facts as from folding the events', async () => {
    await evaluator.prepared.refresh();
    const head = await infra.store.headPosition();
    const ruleSet = new RuleSet(stored.rules);
    const prepared = await evaluator.evaluate(ruleSet, organisations, head, request);
    expect(prepared.sources).toEqual({ 'read-model': 2, fold: 0 });
    // A rebuilt read model has nothing prepared yet: the batch folds the events instead
    await infra.projector.rebuild(['facts']);
    await infra.projector.catchUp();
    infra.readModels.catalog.invalidate();
    const folded = await evaluator.evaluate(ruleSet, organisations, head, request);
    expect(folded.sources).toEqual({ 'read-model': 0, fold: 2 });
    expect(prepared.findings.length).toBeGreaterThan(0);
    expect(prepared.findings).toEqual(folded.findings);
    expect(prepared.summaries).toEqual(folded.summaries);
  }, 240_000);

  it('reproduces a batch as of its position after more events and a rebuild of the read model', async () => {
    // Given a batch as of position P
    const { batch, findings } = await evaluator.run(stored, request, context());
    const asOf = parsePosition(batch.asOf);
    const factsAtBatch = await preparedAsOf(asOf);
    expect(Object.values(factsAtBatch).map((f) => f.source)).toEqual(['read-model', 'read-model']);
    // When one organisation changes after P, and the facts read model is rebuilt and prepared again
    const [changed, unchanged] = organisations as [string, string];
    await new CommandPipeline(infra.store).execute(
      streamIds.indicator(changed, 'S1-I1'),
      indicatorDecider,
      {
        type: 'ReviseTarget',
        data: {
          organisationId: changed,
          indicatorId: 'S1-I1',
          year: 2025,
          value: '70',
          reason: 'Penyesuaian',
          documentReference: 'Nota dinas 2026',
          effectiveOn: '2026-02-01',
        },
      },
      { ...context(), partitionKey: changed },
    );
    await infra.projector.rebuild(['facts']);
    await infra.projector.catchUp();
    infra.readModels.catalog.invalidate();
    await evaluator.prepared.refresh();
    const rows = new Map(
      (await infra.readModels.facts.rows(organisations)).map((r) => [r.organisationId, r]),
    );
    expect(comparePositions(rows.get(changed)!.position, asOf)).toBeGreaterThan(0);
    expect(rows.get(changed)!.preparedPosition).toEqual(rows.get(changed)!.position);
    // Then the facts as of P are the batch's (the changed organisation folded up to P, the other prepared)
    const factsNow = await preparedAsOf(asOf);
    expect(factsNow[changed]!.source).toBe('fold');
    expect(factsNow[unchanged]!.source).toBe('read-model');
    expect(factsNow[changed]!.prepared).toEqual(factsAtBatch[changed]!.prepared);
    expect(factsNow[unchanged]!.prepared).toEqual(factsAtBatch[unchanged]!.prepared);
    // and re-running the stored batch gives its findings
    const again = await evaluator.reproduce(batch, await ruleSets.version(batch.ruleSet.version));
    expect(again.findings).toEqual(findings);
  }, 240_000);

  it('records the shards of a plan as one batch with the findings of the unsharded batch', async () => {
    const split = new SplitEvaluation(evaluator, ruleSets, infra.store);
    await infra.projector.catchUp();
    const plan = await split.plan(stored, request);
    const whole = await evaluator.run(stored, request, context(), undefined, parsePosition(plan.asOf));
    const parts = [await split.shard(plan, 1, 2), await split.shard(plan, 0, 2)];
    expect(parts.map((p) => p.outcome.summaries.length)).toEqual([1, 1]);
    const combined = await split.combine(plan, parts, context());
    expect(combined.batch.batchId).toBe(plan.batchId);
    expect(combined.findings).toEqual(whole.findings);
    expect(combined.batch.summary).toEqual(whole.batch.summary);
    expect((await evaluator.batch(plan.batchId)).findings).toEqual(whole.findings);
  }, 240_000);

  it('refuses a plan whose rule set this store does not hold, and parts that are not every shard', async () => {
    const split = new SplitEvaluation(evaluator, ruleSets, infra.store);
    await infra.projector.catchUp();
    const plan = await split.plan(stored, request);
    const other = { ...plan, ruleSet: { ...plan.ruleSet, hash: 'f'.repeat(64) } };
    await expect(split.shard(other, 0, 2)).rejects.toMatchObject({ code: 'EVALUATION_PLAN_MISMATCH' });
    const ahead = { ...plan, asOf: `${Number(plan.asOf.split(':')[0]) + 1000}:0` };
    await expect(split.shard(ahead, 0, 1)).rejects.toMatchObject({ code: 'EVALUATION_PLAN_MISMATCH' });
    const part = await split.shard(plan, 0, 2);
    await expect(split.combine(plan, [part], context())).rejects.toMatchObject({
      code: 'EVALUATION_PLAN_MISMATCH',
    });
    const foreign = { ...part, batchId: randomUUID() };
    await expect(
      split.combine(plan, [foreign, await split.shard(plan, 1, 2)], context()),
    ).rejects.toMatchObject({
      code: 'EVALUATION_PLAN_MISMATCH',
    });
  }, 240_000);
}

describe('facts read model [PGlite]', () => {
  factsReadModelSuite(() => ({ SAKIP_DATA_DIR: 'memory://' }));
});

describeWithPostgres('facts read model', () => {
  const schema = uniqueSchemaName('facts');
  afterAll(async () => {
    const db = openTestPostgres();
    await dropSchema(db, schema);
    await dropSchema(db, `${schema}_read`);
    await db.close();
  });
  factsReadModelSuite(() => ({ DATABASE_URL: TEST_DATABASE_URL, SAKIP_SCHEMA: schema }));
});
