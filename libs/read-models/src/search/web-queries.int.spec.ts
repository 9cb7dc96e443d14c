import { randomUUID } from 'node:crypto';
import { describeEachStore } from '@sakip/event-store/testing';
import { ReadModelCatalog } from '../framework/catalog';
import { ProjectorRunner } from '../framework/runner';
import { PROJECTIONS } from '../projections';
import { ReadModels } from '../read-models';
import { writeScenario } from '../testing';

/** The queries of the web application against real SQL: search and the stored batch list. */
describeEachStore('search and evaluation batches (SQL)', (current) => {
  const prefix = `web${randomUUID().slice(0, 6)}`;
  const organisation = (o: number) => `${prefix}-${o}`;
  let queries: ReadModels;
  let batchId: string;

  beforeAll(async () => {
    await writeScenario(current().store, { organisations: 2, indicatorsPerOrganisation: 12 }, prefix);
    batchId = randomUUID();
    const appended = await current().store.appendToStream(
      `evaluation-${batchId}`,
      [
        {
          id: randomUUID(),
          type: 'EvaluationRecorded',
          data: {
            batchId,
            year: 2025,
            organisations: [organisation(0)],
            asOf: '1:1',
            now: '2026-11-24',
            ruleSet: { version: 2, hash: 'h' },
            settings: { kinds: ['compliance'] },
            findingCount: 4,
            summary: { organisations: [{ organisationId: organisation(0) }] },
          },
          metadata: {
            actor: { id: 'key:abc', kind: 'api-key', name: 'Inspektur' },
            recordedAt: '2026-11-24T08:00:00.000Z',
            correlationId: 'c',
          },
        },
      ],
      { expectedVersion: 0 },
    );
    const schema = `${current().schemaPrefix}_web`;
    const runner = new ProjectorRunner(
      new ReadModelCatalog(current().db, schema),
      current().store,
      PROJECTIONS,
      {
        retireGraceMs: 0,
      },
    );
    await runner.initialise();
    // PostgreSQL shows a commit to readers once no older transaction is open (other suites may hold one).
    runner.start();
    const reached = await runner.waitFor(appended.position!, 60_000);
    await runner.stop();
    expect(reached).toBe(true);
    queries = new ReadModels(current().db, schema);
  }, 90_000);

  it('finds indicators by name, case-insensitively, exact ids first, within the organisations given', async () => {
    const hits = await queries.search.search('INDIKATOR 1', { limit: 100, organisations: [organisation(1)] });
    expect(hits.map((h) => h.id).sort()).toEqual(['S1-I1', 'S1-I10', 'S1-I11', 'S1-I12']);
    expect(hits.every((h) => h.kind === 'indicator' && h.organisation === organisation(1))).toBe(true);
    expect(hits[0]).toMatchObject({ document: 'renstra' });
    const exact = await queries.search.search('s1-i2', { limit: 3 });
    expect(exact[0]).toMatchObject({ kind: 'indicator', id: 'S1-I2' });
    expect(await queries.search.search('100%', { limit: 5 })).toEqual([]);
  });

  it('finds organisations and documents by name or id', async () => {
    const hits = await queries.search.search(prefix, { limit: 100 });
    expect(hits.filter((h) => h.kind === 'organisation').map((h) => h.id)).toEqual([
      organisation(0),
      organisation(1),
    ]);
  });

  it('lists stored batches with who and when, and knows which ids it holds', async () => {
    const listed = await queries.evaluationBatches.list(10, 0);
    expect(listed.batches.find((b) => b.batchId === batchId)).toEqual({
      batchId,
      year: 2025,
      kinds: ['compliance'],
      organisations: 1,
      position: '1:1',
      ruleSetVersion: 2,
      document: null,
      findings: 4,
      startedBy: 'Inspektur',
      recordedAt: '2026-11-24T08:00:00.000Z',
      storedAt: expect.any(String),
    });
    expect(await queries.evaluationBatches.has([batchId, 'other'])).toEqual(new Set([batchId]));
  });
});
