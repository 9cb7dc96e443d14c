import type { SqlDatabase } from '@sakip/event-store';
import type { ReadModelCatalog } from './catalog';
import { ReadModelNotReadyError } from './errors';
import type { Projection } from './projection';

/** Base of the query classes that sit beside each projection: resolves the readable build's tables. */
export abstract class Queries {
  constructor(protected readonly catalog: ReadModelCatalog) {}

  protected get db(): SqlDatabase {
    return this.catalog.db;
  }

  protected async tablesOf(projection: Projection): Promise<Map<string, string>> {
    const tables = await this.catalog.tables(projection);
    if (!tables) throw new ReadModelNotReadyError(projection.name);
    return tables;
  }

  protected async table(projection: Projection, name: string): Promise<string> {
    const table = (await this.tablesOf(projection)).get(name);
    if (!table) throw new Error(`read model ${projection.name} has no table ${name}`);
    return table;
  }
}
