import { eventStoreContract } from '../testing/contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const url = process.env['EVENTSTORE_URL'];

// No EventStoreDB server on this machine: the contract runs where EVENTSTORE_URL points at one
// (e.g. esdb://localhost:2113?tls=false) and is skipped, saying so, everywhere else.
if (url) {
  describe('EventStoreDbEventStore', () => {
    eventStoreContract(
      () => Promise.resolve(new EventStoreDbEventStore(url)),
      (store) => store.close(),
    );
  });
} else {
  console.warn(
    'skipping the EventStoreDB contract: set EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false) to run it',
  );
  describe.skip('EventStoreDbEventStore [skipped: EVENTSTORE_URL is not set]', () => {
    it('runs the event store contract', () => undefined);
  });
}
