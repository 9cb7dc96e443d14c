import { randomUUID } from 'node:crypto';
import {
  documentDecider,
  organisationDecider,
  streamIds,
  type DomainError,
  type OrganisationCommand,
} from '@sakip/domain';
import { WrongExpectedVersionError, type SqlEventStore } from '@sakip/event-store';
import { describeEachStore } from '@sakip/event-store/testing';
import { CommandPipeline, DecidingStream, type PlannedCommand } from './command-pipeline';

const actor = { id: 'test-user', kind: 'cli', name: 'Test' } as const;
const metadata = { actor, now: '2026-01-15T08:00:00.000Z', correlationId: 'test-correlation' };

describeEachStore('the command pipeline', (current) => {
  let store: SqlEventStore;
  let pipeline: CommandPipeline;
  let org: string;
  beforeEach(() => {
    store = current().store;
    pipeline = new CommandPipeline(store);
    org = `org-${randomUUID().slice(0, 8)}`;
  });

  const register = (): OrganisationCommand => ({
    type: 'RegisterOrganisation',
    data: { organisationId: org, name: 'Dinas Sosial' },
  });
  const submit = (year: number): OrganisationCommand => ({
    type: 'RecordSubmission',
    data: { organisationId: org, kind: 'lkjip', year, submittedOn: `${year + 1}-02-20` },
  });

  it('appends what the decider decides, with the version read and metadata from eventMetadataFor', async () => {
    const stream = streamIds.organisation(org);
    const result = await pipeline.execute(stream, organisationDecider, register(), {
      ...metadata,
      partitionKey: org,
      provenance: { documentId: 'renstra-1', table: 'Tabel 1' },
    });
    expect(result).toMatchObject({ streamId: stream, version: 1, changed: true, replayed: false });
    expect(result.events.map((e) => e.type)).toEqual(['OrganisationRegistered']);
    const [stored] = await store.readStream(stream);
    expect(stored).toMatchObject({ partitionKey: org, id: result.events[0]!.id });
    expect(stored!.metadata).toEqual({
      actor,
      recordedAt: '2026-01-15T08:00:00.000Z',
      correlationId: 'test-correlation',
      provenance: { documentId: 'renstra-1', table: 'Tabel 1' },
    });
  });

  it('appends nothing for a no-op and answers with the position of the stream', async () => {
    const stream = streamIds.organisation(org);
    const first = await pipeline.execute(stream, organisationDecider, register(), metadata);
    const again = await pipeline.execute(stream, organisationDecider, register(), metadata);
    expect(again).toMatchObject({ version: 1, changed: false, events: [], position: first.position });
  });

  it('refuses a command made against a version that is no longer current', async () => {
    const stream = streamIds.organisation(org);
    await pipeline.execute(stream, organisationDecider, register(), metadata);
    await expect(
      pipeline.execute(stream, organisationDecider, submit(2025), { ...metadata, expectedVersion: 0 }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('answers a retried request with the first result, and refuses the key for another request', async () => {
    const stream = streamIds.organisation(org);
    await pipeline.execute(stream, organisationDecider, register(), metadata);
    const idempotency = { key: 'retry-1', requestHash: 'hash-a' };
    const first = await pipeline.execute(stream, organisationDecider, submit(2025), {
      ...metadata,
      idempotency,
    });
    const retried = await pipeline.execute(stream, organisationDecider, submit(2025), {
      ...metadata,
      idempotency,
    });
    expect(retried).toEqual({ ...first, replayed: true });
    expect((await store.readStream(stream)).at(-1)!.metadata).toMatchObject({
      idempotencyKey: 'retry-1',
      requestHash: 'hash-a',
    });
    await expect(
      pipeline.execute(stream, organisationDecider, submit(2026), {
        ...metadata,
        idempotency: { key: 'retry-1', requestHash: 'hash-b' },
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('answers parallel requests with one key: one acts, a different request is refused, the same one replayed', async () => {
    const stream = streamIds.organisation(org);
    await pipeline.execute(stream, organisationDecider, register(), metadata);
    const key = `parallel-${randomUUID()}`;
    // 30 requests with one key and 30 different values: exactly one is stored, every other one is 422.
    const different = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        pipeline.execute(stream, organisationDecider, submit(2000 + i), {
          ...metadata,
          idempotency: { key, requestHash: `hash-${i}` },
        }),
      ),
    );
    const stored = different.filter((r) => r.status === 'fulfilled');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value).toMatchObject({ changed: true, replayed: false });
    for (const r of different.filter((r) => r.status === 'rejected'))
      expect(r.reason).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream(stream)).toHaveLength(2);

    // 30 identical requests with a fresh key: one acts, 29 get its result replayed.
    const same = `same-${randomUUID()}`;
    const retries = await Promise.all(
      Array.from({ length: 30 }, () =>
        pipeline.execute(stream, organisationDecider, submit(2100), {
          ...metadata,
          idempotency: { key: same, requestHash: 'one-request' },
        }),
      ),
    );
    expect(retries.filter((r) => !r.replayed)).toHaveLength(1);
    const first = retries.find((r) => !r.replayed)!;
    for (const r of retries) expect({ ...r, replayed: false }).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('lets exactly one of parallel writers with the same expected version win (the rest 409)', async () => {
    const stream = streamIds.organisation(org);
    await pipeline.execute(stream, organisationDecider, register(), metadata);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        pipeline.execute(stream, organisationDecider, submit(2000 + i), { ...metadata, expectedVersion: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect(r.reason).toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('decides commands over several streams in order and appends them in one append', async () => {
    const organisation = new DecidingStream(streamIds.organisation(org), organisationDecider, org);
    const document = new DecidingStream(streamIds.document(org, 'renstra-1'), documentDecider, org);
    const plan: PlannedCommand[] = [
      organisation.command(register()),
      document.command(
        {
          type: 'RegisterDocument',
          data: {
            organisationId: org,
            documentId: 'renstra-1',
            kind: 'renstra',
            title: 'Renstra 2024-2026',
            period: { start: 2024, end: 2026 },
            contentHash: 'abc',
          },
        },
        { provenance: { documentId: 'renstra-1' } },
      ),
      // Decided against the registration decided just before it in the same run.
      organisation.command(submit(2024)),
    ];
    const histories = await pipeline.read(plan.map((c) => c.stream.streamId));
    pipeline.decide(plan, histories);
    const { events, result } = await pipeline.append([organisation, document], histories, { metadata });
    expect(events.map((e) => e.type)).toEqual([
      'OrganisationRegistered',
      'DocumentSubmitted',
      'DocumentRegistered',
    ]);
    expect(result?.versions).toEqual(
      new Map([
        [organisation.streamId, 2],
        [document.streamId, 1],
      ]),
    );
    const [registered] = await store.readStream(document.streamId);
    expect(registered!.metadata['provenance']).toEqual({ documentId: 'renstra-1' });
  });

  it('reports a refused command and keeps nothing of it, or throws without onRefused', async () => {
    const organisation = new DecidingStream(streamIds.organisation(org), organisationDecider, org);
    const plan = [organisation.command(submit(2024)), organisation.command(register())];
    const histories = await pipeline.read([organisation.streamId]);
    const refused: [number, DomainError][] = [];
    pipeline.decide(plan, histories, (_command, index, error) => refused.push([index, error]));
    expect(refused.map(([index, error]) => [index, error.code])).toEqual([[0, 'UNKNOWN_ORGANISATION']]);
    expect(organisation.decided.map((d) => d.event.type)).toEqual(['OrganisationRegistered']);

    const fresh = new DecidingStream(streamIds.organisation(org), organisationDecider, org);
    expect(() => pipeline.decide([fresh.command(submit(2024))], histories)).toThrow(/UNKNOWN_ORGANISATION/);
  });

  it('appends nothing when another writer got there between read and append', async () => {
    const organisation = new DecidingStream(streamIds.organisation(org), organisationDecider, org);
    const histories = await pipeline.read([organisation.streamId]);
    pipeline.decide([organisation.command(register())], histories);
    await pipeline.execute(organisation.streamId, organisationDecider, register(), metadata);
    await expect(pipeline.append([organisation], histories, { metadata })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await store.readStream(organisation.streamId)).toHaveLength(1);
  });
});
