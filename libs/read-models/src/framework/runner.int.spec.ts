import { ident, START, type SqlDatabase } from '@sakip/event-store';
import { describeEachStore } from '@sakip/event-store/testing';
import { indicatorPeriodsProjection } from '../indicator-periods/indicator-periods.projection';
import { PROJECTIONS } from '../projections';
import { ReadModels } from '../read-models';
import { project, readTable, writeScenario } from '../testing';
import { ReadModelCatalog } from './catalog';
import type { Projection } from './projection';
import { ProjectorRunner } from './runner';
import { applyOperations } from './sql-writer';

describeEachStore('projector runner', (current) => {
  let n = 0;
  /** A runner with read models of its own (schema "<prefix>_r<n>_read"), over the shared event store. */
  const runnerFor = (
    projections: readonly Projection[] = PROJECTIONS,
    prefix = `${current().schemaPrefix}_r${++n}`,
    batchSize = 250,
  ) =>
    new ProjectorRunner(new ReadModelCatalog(current().db, prefix), current().store, projections, {
      batchSize,
      buildBatchSize: batchSize,
      retireGraceMs: 0,
    });

  const rowsOf = async (runner: ProjectorRunner, projection: Projection) => {
    const tables = await runner.catalog.tables(projection);
    return Promise.all(
      projection.tables.map((t) => readTable(runner.catalog.db, tables!.get(t.name)!, projection, t.name)),
    );
  };

  beforeAll(async () => {
    await writeScenario(current().store, { organisations: 3, indicatorsPerOrganisation: 40 });
  });

  it('builds the rows a pure replay gives, and the same rows when the same events are applied again', async () => {
    const runner = runnerFor();
    await runner.initialise();
    await runner.catchUp();
    const events = await current().store.readAll({ after: START });
    for (const projection of PROJECTIONS) {
      const sqlRows = await rowsOf(runner, projection);
      const memory = project(projection, events);
      projection.tables.forEach((t, i) =>
        expect({ table: t.name, rows: sqlRows[i]!.map(normalise) }).toEqual({
          table: t.name,
          rows: memory.table(t.name).map(normalise),
        }),
      );

      const tables = (await runner.catalog.tables(projection))!;
      await runner.catalog.db.transaction((tx) =>
        applyOperations(
          tx,
          events.filter((e) => projection.handles.includes(e.type)).flatMap((e) => projection.apply(e)),
          new Map(projection.tables.map((t) => [t.name, t])),
          tables,
        ),
      );
      expect(await rowsOf(runner, projection)).toEqual(sqlRows);
    }
  });

  it('rebuilds a bumped projection into a new table, answering from the old one until it has caught up', async () => {
    const prefix = `${current().schemaPrefix}_bump`;
    const v1 = runnerFor(PROJECTIONS, prefix);
    await v1.initialise();
    await v1.catchUp();
    const before = await v1.catalog.readableBuild('indicator-periods');
    const otherBuilds = (await v1.catalog.builds()).filter((b) => b.projection !== 'indicator-periods');

    const bumped = PROJECTIONS.map((p) =>
      p.name === 'indicator-periods' ? { ...indicatorPeriodsProjection, version: 2 } : p,
    );
    const v2 = runnerFor(bumped, prefix, 100);
    await v2.initialise();
    const queries = new ReadModels(current().db, prefix);
    const organisation = (await queries.planTree.organisations())[0]!.organisationId;
    const periodsBefore = await queries.indicatorPeriods.rows(organisation, 'S1-I1');

    await v2.runOnce();
    queries.catalog.invalidate();
    expect((await queries.catalog.readableBuild('indicator-periods'))?.buildId).toBe(before?.buildId);
    expect(await queries.indicatorPeriods.rows(organisation, 'S1-I1')).toEqual(periodsBefore);

    await v2.catchUp();
    queries.catalog.invalidate();
    const after = await queries.catalog.readableBuild('indicator-periods');
    expect(after).toMatchObject({ version: 2, status: 'active' });
    expect(after?.buildId).not.toBe(before?.buildId);
    expect(await queries.indicatorPeriods.rows(organisation, 'S1-I1')).toEqual(periodsBefore);
    expect((await v2.catalog.builds()).filter((b) => b.projection !== 'indicator-periods')).toEqual(
      otherBuilds.map((b) => ({ ...b, checkpoint: expect.anything() })),
    );
  });

  it('rebuilds every read model from event 0 with identical rows', async () => {
    const runner = runnerFor();
    await runner.initialise();
    await runner.catchUp();
    const first = await Promise.all(PROJECTIONS.map((p) => rowsOf(runner, p)));
    const oldBuilds = (await runner.catalog.builds()).map((b) => b.buildId);
    await runner.rebuild();
    await runner.catchUp();
    runner.catalog.invalidate();
    const newBuilds = (await runner.catalog.builds())
      .filter((b) => b.status === 'active')
      .map((b) => b.buildId);
    expect(newBuilds.some((id) => oldBuilds.includes(id))).toBe(false);
    expect(await Promise.all(PROJECTIONS.map((p) => rowsOf(runner, p)))).toEqual(first);
  });

  it('rebuilds in large pipelined batches (next batch read while one is written) with the rows of small batches, indexes added when it becomes active', async () => {
    const incremental = new ProjectorRunner(
      new ReadModelCatalog(current().db, `${current().schemaPrefix}_small`),
      current().store,
      PROJECTIONS,
      { batchSize: 13, buildBatchSize: 13, retireGraceMs: 0 },
    );
    await incremental.initialise();
    await incremental.catchUp();
    const bulk = new ProjectorRunner(
      new ReadModelCatalog(current().db, `${current().schemaPrefix}_bulk`),
      current().store,
      PROJECTIONS,
      { batchSize: 50, buildBatchSize: 300, retireGraceMs: 0 },
    );
    await bulk.initialise();
    await bulk.catchUp();
    await bulk.rebuild();
    expect(await current().store.countAfter(START)).toBeGreaterThan(600); // several full batches
    await bulk.catchUp();
    bulk.catalog.invalidate();
    for (const projection of PROJECTIONS)
      expect({ projection: projection.name, rows: await rowsOf(bulk, projection) }).toEqual({
        projection: projection.name,
        rows: await rowsOf(incremental, projection),
      });

    const indexes = async (runner: ProjectorRunner) =>
      (
        await runner.catalog.db.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE '%\\_i%'`,
          [`${runner.catalog.schema}`],
        )
      )[0]!.n;
    expect(Number(await indexes(bulk))).toBeGreaterThan(0);
    expect(await indexes(bulk)).toBe(await indexes(incremental));
  });

  it('follows new events and tells when a position has been reached', async () => {
    const runner = runnerFor();
    await runner.initialise();
    runner.start();
    try {
      await writeScenario(current().store, { organisations: 1, indicatorsPerOrganisation: 3 });
      const head = await current().store.headPosition();
      expect(await runner.waitFor(head, 10_000)).toBe(true);
      expect(await runner.reached({ commit: head.commit + 1000n, sequence: 0n })).toBe(false);
    } finally {
      await runner.stop();
    }
  });

  it('opens existing read models without their DDL, and creates again a table or an index that is missing', async () => {
    const prefix = `${current().schemaPrefix}_reopen`;
    const first = runnerFor(PROJECTIONS, prefix);
    await first.initialise();
    await first.catchUp();

    const db = current().db;
    const sent: string[] = [];
    const recording: SqlDatabase = {
      kind: db.kind,
      description: db.description,
      query: (text, params) => db.query(text, params),
      exec: (sql) => (sent.push(sql), db.exec(sql)),
      transaction: (work) => db.transaction(work),
      listen: (channel, onNotify) => db.listen(channel, onNotify),
      close: () => db.close(),
    };
    const reopen = () =>
      new ProjectorRunner(new ReadModelCatalog(recording, prefix), current().store, PROJECTIONS).initialise();
    await reopen();
    expect(sent).toEqual([]);

    const catalog = first.catalog;
    const indexed = PROJECTIONS.find((p) => p.tables.some((t) => (t.indexes?.length ?? 0) > 0))!;
    const table = indexed.tables.find((t) => (t.indexes?.length ?? 0) > 0)!;
    const build = (await catalog.readableBuild(indexed.name))!;
    const relation = catalog.relationName(indexed.name, table.name, build.buildId);
    const [index] = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname NOT LIKE '%_pkey'`,
      [catalog.schema, relation],
    );
    await db.exec(`DROP INDEX ${ident(catalog.schema)}.${ident(index!.indexname)}`);
    const other = PROJECTIONS.find((p) => p !== indexed)!;
    const otherBuild = (await catalog.readableBuild(other.name))!;
    await db.exec(`DROP TABLE ${catalog.tableName(other.name, other.tables[0]!.name, otherBuild.buildId)}`);

    await reopen();
    expect(sent).toHaveLength(2);
    const existing = await catalog.existingTables();
    expect(existing.get(relation)).toBe(table.indexes!.length);
    expect(existing.has(catalog.relationName(other.name, other.tables[0]!.name, otherBuild.buildId))).toBe(
      true,
    );
  });
});

/** Timestamps and numbers come back from SQL as Date/strings; compare them as text. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v === null
        ? null
        : typeof v === 'object'
          ? v
          : k === 'recorded_at' || k === 'registered_at'
            ? new Date(String(v as string | number)).toISOString()
            : String(v as string | number | boolean | bigint),
    ]),
  );
}
