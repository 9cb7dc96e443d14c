import { eventStoreContract } from '../testing/contract';
import { MemoryEventStore } from './memory-event-store';

describe('MemoryEventStore: the event store contract', () => {
  eventStoreContract(
    async () => new MemoryEventStore(),
    (store) => store.close(),
  );
});
