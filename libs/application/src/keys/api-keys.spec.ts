import { MemoryEventStore } from '@sakip/event-store';
import { CommandPipeline } from '../pipeline/command-pipeline';
import { systemClock } from '../shared/clock';
import { ApiKeys } from './api-keys';

const caller = { actor: { id: 'test', kind: 'system' as const }, correlationId: 'c' };

describe('API keys', () => {
  it('costs the same for an unknown key id as for a known one (which ids exist is not observable)', async () => {
    const store = new MemoryEventStore();
    const keys = new ApiKeys(new CommandPipeline(store), systemClock, 60_000);
    const issued = await keys.issue({ role: 'viewer', label: 'uji' }, caller);
    const wrongSecret = `sakip_${issued.keyId}_${'x'.repeat(43)}`;
    const unknownId = `sakip_000000000000_${'x'.repeat(43)}`;
    const reads = jest.spyOn(store, 'readStream');

    expect(await keys.verify(issued.token)).toMatchObject({ keyId: issued.keyId, role: 'viewer' });
    const known = reads.mock.calls.length;
    for (let i = 0; i < 5; i++) expect(await keys.verify(wrongSecret)).toBeUndefined();
    expect(reads.mock.calls.length).toBe(known);
    for (let i = 0; i < 5; i++) expect(await keys.verify(unknownId)).toBeUndefined();
    expect(reads.mock.calls.length).toBe(known);
  });

  it('knows a key issued elsewhere once the cache expires, and forgets a revoked one', async () => {
    const store = new MemoryEventStore();
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const server = new ApiKeys(new CommandPipeline(store), systemClock, 2000);
      const elsewhere = new ApiKeys(new CommandPipeline(store), systemClock, 2000);
      expect(await server.verify(`sakip_000000000000_${'x'.repeat(43)}`)).toBeUndefined();
      const issued = await elsewhere.issue({ role: 'admin', label: 'pengganti' }, caller);
      expect(await server.verify(issued.token)).toBeUndefined();
      now += 2001;
      expect(await server.verify(issued.token)).toMatchObject({ role: 'admin' });
      await elsewhere.revoke(issued.keyId, 'hilang', caller);
      now += 2001;
      expect(await server.verify(issued.token)).toBeUndefined();
    } finally {
      jest.restoreAllMocks();
    }
  });
});
