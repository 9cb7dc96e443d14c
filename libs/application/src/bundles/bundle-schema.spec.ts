import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import schema from './bundle.schema.json';

// The schema published for people and editors is the one the importer uses.
describe('docs/sakip-bundle.schema.json', () => {
  it('is the schema the importer validates with', () => {
    const published = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'sakip-bundle.schema.json'), 'utf8'),
    );
    expect(published).toEqual(schema);
  });

  // The importer compiles it without checking it against the meta-schema (start-up time): this does.
  it('is a valid JSON Schema (draft-07 meta-schema)', () => {
    const ajv = new Ajv({ allErrors: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? []).toEqual([]);
  });
});
