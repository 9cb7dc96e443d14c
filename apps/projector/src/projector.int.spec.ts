import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparePositions, openStore, START, type Position, type StoreSettings } from '@sakip/event-store';
import {
  describeWithPostgres,
  TEST_DATABASE_URL,
  uniqueSchemaName,
  openTestPostgres,
} from '@sakip/event-store/testing';
import { PROJECTIONS, ReadModelCatalog, ProjectorRunner } from '@sakip/read-models';
import { readTable, writeScenario } from '@sakip/read-models/testing';

const MAIN = join(__dirname, '..', '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');

function startProjector(
  env: Record<string, string>,
  args: string[] = [],
): { child: ChildProcess; firstBatch: Promise<void>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, NODE_OPTIONS: '', SAKIP_PROJECTOR_BATCH: '40', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const firstBatch = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"projecting"')) resolve();
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exit.then((code) => code && code !== 0 && console.error(output)).catch(() => undefined);
  return { child, firstBatch, exit };
}

/**
 * The projector process is killed with SIGKILL several times while it works, restarted each time, and
 * finally run to the end: its rows must equal those of a clean build of the same events.
 */
function killNineSuite(settings: () => StoreSettings, env: () => Record<string, string>) {
  it('resumes after kill -9 at any point and ends with exactly the rows of a clean run', async () => {
    expect(existsSync(MAIN)).toBe(true);
    let opened: Awaited<ReturnType<typeof openStore>>;
    // Each round appends a fresh chunk of plans, starts the projector and kills it soon after its first
    // batch; the checkpoint it leaves behind is recorded to prove the kills land mid-way.
    const checkpoints: { checkpoint: Position; head: Position }[] = [];
    for (let kill = 0; kill < 4; kill++) {
      opened = await openStore(settings());
      await writeScenario(opened.store, { organisations: 4, indicatorsPerOrganisation: 60 });
      const roundHead = await opened.store.headPosition();
      await opened.close();
      const projector = startProjector(env());
      await Promise.race([projector.firstBatch, projector.exit]);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      projector.child.kill('SIGKILL');
      await projector.exit;
      opened = await openStore(settings());
      const builds = await new ReadModelCatalog(opened.db, settings().schema).builds();
      checkpoints.push({
        checkpoint: builds.reduce(
          (min, b) => (comparePositions(b.checkpoint, min) < 0 ? b.checkpoint : min),
          roundHead,
        ),
        head: roundHead,
      });
      await opened.close();
    }
    expect(
      checkpoints.some(
        ({ checkpoint, head }) =>
          comparePositions(checkpoint, START) > 0 && comparePositions(checkpoint, head) < 0,
      ),
    ).toBe(true);
    opened = await openStore(settings());
    const head = await opened.store.headPosition();
    await opened.close();

    const last = startProjector(env(), ['--once']);
    expect(await last.exit).toBe(0);

    opened = await openStore(settings());
    try {
      const catalog = new ReadModelCatalog(opened.db, settings().schema);
      const resumed = new Map((await catalog.builds()).map((b) => [b.projection, b]));
      for (const build of resumed.values())
        expect(build).toMatchObject({ status: 'active', checkpoint: head });
      const clean = new ProjectorRunner(catalog, opened.store, PROJECTIONS);
      await clean.rebuild();
      await clean.catchUp();
      for (const projection of PROJECTIONS) {
        const cleanBuild = (await catalog.builds()).find(
          (b) => b.projection === projection.name && b.status === 'active',
        )!;
        expect(cleanBuild.buildId).not.toBe(resumed.get(projection.name)!.buildId);
        expect(cleanBuild.eventsApplied).toBe(resumed.get(projection.name)!.eventsApplied);
        for (const table of projection.tables) {
          const killed = await readTable(
            opened.db,
            catalog.tableName(projection.name, table.name, resumed.get(projection.name)!.buildId),
            projection,
            table.name,
          );
          const fresh = await readTable(
            opened.db,
            catalog.tableName(projection.name, table.name, cleanBuild.buildId),
            projection,
            table.name,
          );
          expect({ table: table.name, rows: killed.length }).toEqual({
            table: table.name,
            rows: fresh.length,
          });
          expect(killed).toEqual(fresh);
        }
      }
    } finally {
      await opened.close();
    }
  }, 180_000);
}

describe('projector process on the embedded store (PGlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sakip-kill9-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  killNineSuite(
    () => ({ dataDir: dir, schema: 'sakip' }),
    () => ({ SAKIP_DATA_DIR: dir, DATABASE_URL: '' }),
  );
});

describeWithPostgres('projector process', () => {
  const schema = uniqueSchemaName('kill');
  afterAll(async () => {
    const db = openTestPostgres();
    await db.exec(
      `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_read" CASCADE;`,
    );
    await db.close();
  });
  killNineSuite(
    () => ({ databaseUrl: TEST_DATABASE_URL, dataDir: '', schema }),
    () => ({ DATABASE_URL: TEST_DATABASE_URL, SAKIP_SCHEMA: schema }),
  );
});
