import { describeWithPostgres, dropSchema, openTestPostgres, uniqueSchemaName } from '../testing/postgres';
import { eventStoreContract } from '../testing/contract';
import { SqlEventStore } from './sql-event-store';

describeWithPostgres('SqlEventStore on PostgreSQL', () => {
  const schema = uniqueSchemaName('es');
  const db = openTestPostgres();
  eventStoreContract(
    async () => new SqlEventStore(db, schema),
    async () => {
      await dropSchema(db, schema);
      await db.close();
    },
  );
});
