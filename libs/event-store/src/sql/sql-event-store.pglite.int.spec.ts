import { eventStoreContract } from '../testing/contract';
import { PgliteDatabase } from './pglite-database';
import { SqlEventStore } from './sql-event-store';

describe('SqlEventStore on PGlite', () => {
  eventStoreContract(
    async () => new SqlEventStore(await PgliteDatabase.open()),
    (store) => store.close(),
  );
});
