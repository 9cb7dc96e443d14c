import { randomUUID } from 'node:crypto';
import {
  WrongExpectedVersionError,
  type EventStore,
  type EventToAppend,
  type StoredEvent,
} from '../event-store';
import { comparePositions, START, type Position } from '../position';

/**
 * The behaviour every EventStore adapter must have. Run it from an adapter's *.int.spec.ts with a factory
 * that opens a fresh store. Every test uses streams and partitions of its own.
 */
export function eventStoreContract(
  openStore: () => Promise<EventStore>,
  closeStore: (store: EventStore) => Promise<void>,
): void {
  let store: EventStore;
  beforeAll(async () => {
    store = await openStore();
    await store.initialise();
  });
  afterAll(async () => {
    await closeStore(store);
  });

  const unique = (prefix: string) => `${prefix}-${randomUUID()}`;
  const event = (type: string, data: Record<string, unknown> = {}): EventToAppend => ({
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: { id: 'test', kind: 'system' },
      recordedAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
    },
  });
  const ids = (events: readonly StoredEvent[]) => events.map((e) => e.id);

  it('appends to a new stream and reads it back in order, data and metadata intact', async () => {
    const stream = unique('s');
    const events = [
      event('A', { n: 1, text: 'Indeks "BB"' }),
      event('B', { n: 2, nested: { raw: '1.234,56' } }),
    ];
    const result = await store.appendToStream(stream, events, { expectedVersion: 0, partitionKey: 'p1' });
    expect(result.written).toBe(2);
    expect(result.versions.get(stream)).toBe(2);
    const read = await store.readStream(stream);
    expect(read.map((e) => [e.type, e.streamVersion, e.data, e.metadata, e.partitionKey])).toEqual([
      ['A', 1, { n: 1, text: 'Indeks "BB"' }, events[0]!.metadata, 'p1'],
      ['B', 2, { n: 2, nested: { raw: '1.234,56' } }, events[1]!.metadata, 'p1'],
    ]);
    expect(ids(read)).toEqual(events.map((e) => e.id));
    expect(comparePositions(read[1]!.position, read[0]!.position)).toBeGreaterThan(0);
    expect(result.position).toEqual(read[1]!.position);
    expect(Number.isNaN(Date.parse(read[0]!.storedAt))).toBe(false);
  });

  it('reads an unknown stream as empty', async () => {
    expect(await store.readStream(unique('none'))).toEqual([]);
  });

  it('rejects an append whose expected version is stale, naming the actual version', async () => {
    const stream = unique('s');
    await store.appendToStream(stream, [event('A'), event('B')], { expectedVersion: 0 });
    const attempt = store.appendToStream(stream, [event('C')], { expectedVersion: 1 });
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.appendToStream(stream, [event('C')], { expectedVersion: 1 })).rejects.toMatchObject({
      actualVersion: 2,
      expectedVersion: 1,
    });
    await expect(store.appendToStream(stream, [event('C')], { expectedVersion: 0 })).rejects.toMatchObject({
      actualVersion: 2,
    });
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it("appends with 'any' whatever the version", async () => {
    const stream = unique('s');
    await store.appendToStream(stream, [event('A')], { expectedVersion: 'any' });
    const result = await store.appendToStream(stream, [event('B')], { expectedVersion: 'any' });
    expect(result.versions.get(stream)).toBe(2);
  });

  it('is idempotent by event id: re-sending the same events writes nothing', async () => {
    const stream = unique('s');
    const events = [event('A'), event('B')];
    const first = await store.appendToStream(stream, events, { expectedVersion: 0 });
    const again = await store.appendToStream(stream, events, { expectedVersion: 0 });
    expect(again).toMatchObject({ written: 0, duplicates: 2 });
    expect(again.position).toEqual(first.position);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('appends several streams: a stale version fails the append (atomic stores write nothing at all)', async () => {
    const a = unique('a');
    const b = unique('b');
    await store.appendToStream(b, [event('B1')], { expectedVersion: 0 });
    const a1 = event('A1');
    const attempt = store.appendMany([
      { streamId: a, expectedVersion: 0, events: [a1] },
      { streamId: b, expectedVersion: 0, events: [event('B2')] },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream(a)).toHaveLength(store.atomicMultiStreamAppend ? 0 : 1);
    expect(await store.readStream(b)).toHaveLength(1);
    if (!store.atomicMultiStreamAppend) {
      // Not atomic, but idempotent: repeating the append with the right versions completes it without duplicates.
      await store.appendMany([{ streamId: a, expectedVersion: 0, events: [a1] }]);
      expect(await store.readStream(a)).toHaveLength(1);
      return;
    }

    const ok = await store.appendMany([
      { streamId: a, expectedVersion: 0, events: [event('A1')] },
      { streamId: b, expectedVersion: 1, events: [event('B2'), event('B3')] },
    ]);
    expect(ok.written).toBe(3);
    expect(Object.fromEntries(ok.versions)).toEqual({ [a]: 1, [b]: 3 });
  });

  it('reads several streams at once', async () => {
    const a = unique('a');
    const b = unique('b');
    await store.appendMany([
      { streamId: a, expectedVersion: 0, events: [event('A1'), event('A2')] },
      { streamId: b, expectedVersion: 0, events: [event('B1')] },
    ]);
    const read = await store.readStreams([a, b, unique('missing')]);
    expect([...read.values()].map((events) => events.map((e) => e.type))).toEqual([['A1', 'A2'], ['B1'], []]);
  });

  it('reads the global log after a position, in commit order, by partition, with limit and upper bound', async () => {
    const partition = unique('p');
    const before = await store.headPosition();
    const s1 = unique('s');
    const s2 = unique('s');
    await store.appendToStream(s1, [event('E1'), event('E2')], {
      expectedVersion: 0,
      partitionKey: partition,
    });
    await store.appendToStream(s2, [event('E3')], { expectedVersion: 0, partitionKey: partition });
    await store.appendToStream(unique('other'), [event('X')], {
      expectedVersion: 0,
      partitionKey: unique('p'),
    });
    await store.appendToStream(s1, [event('E4')], { expectedVersion: 2, partitionKey: partition });

    const all = await store.readAll({ after: START, partitionKey: partition });
    expect(all.map((e) => e.type)).toEqual(['E1', 'E2', 'E3', 'E4']);
    for (let i = 1; i < all.length; i++)
      expect(comparePositions(all[i]!.position, all[i - 1]!.position)).toBeGreaterThan(0);

    const since = await store.readAll({ after: before });
    expect(since.map((e) => e.type)).toEqual(['E1', 'E2', 'E3', 'X', 'E4']);
    expect((await store.readAll({ after: before, limit: 2 })).map((e) => e.type)).toEqual(['E1', 'E2']);
    expect(
      (await store.readAll({ after: all[0]!.position, partitionKey: partition })).map((e) => e.type),
    ).toEqual(['E2', 'E3', 'E4']);
    expect(
      (await store.readAll({ after: START, upTo: all[2]!.position, partitionKey: partition })).map(
        (e) => e.type,
      ),
    ).toEqual(['E1', 'E2', 'E3']);
    expect(comparePositions(await store.headPosition(), all[3]!.position)).toBeGreaterThanOrEqual(0);
    expect(await store.countAfter(before)).toBe(5);
    expect(await store.countAfter(all[1]!.position)).toBe(3);
  });

  it('lets exactly one of two writers with the same expected version win', async () => {
    const stream = unique('s');
    await store.appendToStream(stream, [event('A')], { expectedVersion: 0 });
    const results = await Promise.allSettled([
      store.appendToStream(stream, [event('B')], { expectedVersion: 1 }),
      store.appendToStream(stream, [event('C')], { expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  /** A bundle-sized write: `streams` streams of `perStream` events each, in one partition. */
  const bundle = (partition: string, streams: number, perStream: number) =>
    Array.from({ length: streams }, (_, s) => ({
      streamId: `${partition}-s${s}`,
      expectedVersion: 0 as const,
      partitionKey: partition,
      events: Array.from({ length: perStream }, (_, n) =>
        event(`E${n}`, { s, n, text: 'Capaian "IKU" 1.234,5' }),
      ),
    }));

  it('appends a large bundle (more events than one statement takes) atomically, and re-importing it writes nothing', async () => {
    const partition = unique('big');
    const writes = bundle(partition, 130, 50); // 6 500 events: several statements on every SQL store
    const first = await store.appendMany(writes);
    expect(first).toMatchObject({ written: 6500, duplicates: 0 });
    expect(first.versions.get(`${partition}-s129`)).toBe(50);
    const read = await store.readAll({ after: START, partitionKey: partition });
    expect(read).toHaveLength(6500);
    expect(read.map((e) => e.id)).toEqual(writes.flatMap((w) => w.events.map((e) => e.id)));
    expect(read[6499]!.position).toEqual(first.position);
    expect(read[6499]).toMatchObject({
      streamVersion: 50,
      data: { s: 129, n: 49, text: 'Capaian "IKU" 1.234,5' },
    });

    const again = await store.appendMany(writes);
    expect(again).toMatchObject({ written: 0, duplicates: 6500 });
    expect(again.position).toEqual(first.position);
    expect(again.versions.get(`${partition}-s0`)).toBe(50);
    expect(await store.countAfter(first.position!)).toBe(0);
  });

  it('refuses a large append whose last stream is stale, writing none of it (atomic stores)', async () => {
    const partition = unique('stale');
    const writes = bundle(partition, 130, 50);
    await store.appendToStream(`${partition}-s129`, [event('Before')], {
      expectedVersion: 0,
      partitionKey: partition,
    });
    await expect(store.appendMany(writes)).rejects.toMatchObject({
      streamId: `${partition}-s129`,
      expectedVersion: 0,
      actualVersion: 1,
    });
    if (store.atomicMultiStreamAppend)
      expect(await store.readAll({ after: START, partitionKey: partition })).toHaveLength(1);
  });

  it('imports bundles of different organisations concurrently: both succeed', async () => {
    const [a, b] = [unique('org'), unique('org')];
    const results = await Promise.all([
      store.appendMany(bundle(a, 20, 30)),
      store.appendMany(bundle(b, 20, 30)),
    ]);
    expect(results.map((r) => r.written)).toEqual([600, 600]);
    expect(await store.readAll({ after: START, partitionKey: a })).toHaveLength(600);
    expect(await store.readAll({ after: START, partitionKey: b })).toHaveLength(600);
  });

  it('serialises two concurrent bundles of the same organisation on the same streams: one wins, the other conflicts', async () => {
    const partition = unique('org');
    const results = await Promise.allSettled([
      store.appendMany(bundle(partition, 20, 30)),
      store.appendMany(bundle(partition, 20, 30)),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedVersionError);
    const read = await store.readAll({ after: START, partitionKey: partition });
    if (store.atomicMultiStreamAppend) {
      expect(read).toHaveLength(600);
      expect(new Set(read.map((e) => e.streamVersion)).size).toBe(30);
    }
  });

  it('subscribes from a position: catches up, then follows new events, and stops', async () => {
    const partition = unique('p');
    const start = await store.headPosition();
    const stream = unique('s');
    await store.appendToStream(stream, [event('E1'), event('E2')], {
      expectedVersion: 0,
      partitionKey: partition,
    });
    const seen: StoredEvent[] = [];
    let caughtUp: Position | undefined;
    const subscription = store.subscribe({
      after: start,
      batchSize: 1,
      pollIntervalMs: 50,
      handler: async (batch) => {
        seen.push(...batch.filter((e) => e.partitionKey === partition));
      },
      onCaughtUp: (position) => {
        caughtUp = position;
      },
    });
    await waitFor(() => seen.length === 2);
    await store.appendToStream(stream, [event('E3')], { expectedVersion: 2, partitionKey: partition });
    await waitFor(() => seen.length === 3);
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    expect(seen.map((e) => e.type)).toEqual(['E1', 'E2', 'E3']);
    expect(caughtUp).toBeDefined();
  });

  it('ends a subscription whose handler fails, with the error', async () => {
    await store.appendToStream(unique('s'), [event('E')], { expectedVersion: 0 });
    const subscription = store.subscribe({
      after: START,
      handler: () => Promise.reject(new Error('projection broke')),
    });
    await expect(subscription.done).rejects.toThrow('projection broke');
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
