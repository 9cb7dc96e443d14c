import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import type { EventToAppend, StoredEvent } from '../event-store';
import { comparePositions, START, type Position } from '../position';
import {
  describeWithPostgres,
  dropSchema,
  openTestPostgres,
  TEST_DATABASE_URL,
  uniqueSchemaName,
} from '../testing/postgres';
import type { SqlExecutor } from './sql-database';
import { SqlEventStore } from './sql-event-store';

const event = (type: string): EventToAppend => ({ id: randomUUID(), type, data: {}, metadata: {} });
const executor = (client: PoolClient): SqlExecutor => ({
  query: async <Row>(text: string, params: readonly unknown[] = []) =>
    (await client.query(text, params as unknown[])).rows as Row[],
});

/**
 * The global-ordering gap of SQL event stores: positions come from a sequence before commit, so a reader
 * that checkpoints "the highest position seen" skips an event whose transaction took a lower position
 * but committed later. These tests hold transactions open on purpose to create exactly that interleaving.
 */
describeWithPostgres('reading all events under concurrent writers', () => {
  const schema = uniqueSchemaName('order');
  const db = openTestPostgres({ max: 20 });
  const store = new SqlEventStore(db, schema);
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 20 });

  beforeAll(() => store.initialise());
  afterAll(async () => {
    await pool.end();
    await dropSchema(db, schema);
    await db.close();
  });

  it('does not show an event committed after a slower, earlier transaction until that one has finished', async () => {
    const start = await store.headPosition();
    const slow = await pool.connect();
    const fast = await pool.connect();
    try {
      await slow.query('BEGIN');
      await store.appendIn(executor(slow), [
        { streamId: `slow-${randomUUID()}`, expectedVersion: 0, events: [event('Slow')] },
      ]);
      await fast.query('BEGIN');
      await store.appendIn(executor(fast), [
        { streamId: `fast-${randomUUID()}`, expectedVersion: 0, events: [event('Fast')] },
      ]);
      await fast.query('COMMIT');

      // The naive reader (order by position, checkpoint = highest seen) already sees "Fast" and would
      // move its checkpoint past "Slow", never to see it: the gap this store must not have.
      const naive = await db.query<{ type: string; position: string }>(
        `SELECT type, position::text FROM "${schema}".events WHERE position > $1 ORDER BY position`,
        [start.sequence.toString()],
      );
      expect(naive.map((r) => r.type)).toEqual(['Fast']);

      expect(await store.readAll({ after: start })).toEqual([]);

      await slow.query('COMMIT');
      const read = await store.readAll({ after: start });
      expect(read.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    } finally {
      slow.release();
      fast.release();
    }
  });

  it('skips a rolled-back transaction without stalling', async () => {
    const start = await store.headPosition();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await store.appendIn(executor(client), [
        { streamId: `rb-${randomUUID()}`, expectedVersion: 0, events: [event('RolledBack')] },
      ]);
      await store.appendToStream(`ok-${randomUUID()}`, [event('Committed')], { expectedVersion: 0 });
      expect(await store.readAll({ after: start })).toEqual([]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await store.readAll({ after: start })).map((e) => e.type)).toEqual(['Committed']);
  });

  it('never skips or repeats an event: 8 writers with transactions of random length, one tailing reader', async () => {
    const start = await store.headPosition();
    const writers = 8;
    const appendsPerWriter = 40;
    const written = new Set<string>();
    let writing = true;

    const writer = async (w: number) => {
      for (let i = 0; i < appendsPerWriter; i++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const events = [event(`W${w}`), event(`W${w}`)];
          await store.appendIn(executor(client), [
            { streamId: `w${w}-${randomUUID()}`, expectedVersion: 0, events },
          ]);
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
          await client.query('COMMIT');
          events.forEach((e) => written.add(e.id));
        } finally {
          client.release();
        }
      }
    };

    const seen: StoredEvent[] = [];
    const reader = async () => {
      let checkpoint: Position = start;
      for (;;) {
        const finished = !writing;
        const batch = await store.readAll({ after: checkpoint, limit: 7 });
        for (const e of batch) {
          expect(comparePositions(e.position, checkpoint)).toBeGreaterThan(0);
          seen.push(e);
          checkpoint = e.position;
        }
        if (batch.length === 0) {
          if (finished) return;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
    };

    const reading = reader();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    writing = false;
    await reading;

    const seenIds = seen.map((e) => e.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds.length).toBe(writers * appendsPerWriter * 2);
    expect(new Set(seenIds)).toEqual(written);
    const direct = await store.readAll({ after: start });
    expect(direct.map((e) => e.id)).toEqual(seenIds);
  }, 60_000);

  it('reads everything from the start of an empty store as nothing', async () => {
    const emptySchema = uniqueSchemaName('empty');
    const empty = new SqlEventStore(db, emptySchema);
    await empty.initialise();
    try {
      expect(await empty.readAll({ after: START })).toEqual([]);
      expect(await empty.headPosition()).toEqual(START);
    } finally {
      await dropSchema(db, emptySchema);
    }
  });
});
