import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factCatalogueMarkdown } from './catalogue';

// docs/facts.md is generated from the fact definitions (npm run docs:facts): it must not go stale.
describe('docs/facts.md', () => {
  it('is the catalogue the fact definitions give', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'facts.md'), 'utf8');
    expect(committed).toBe(`${factCatalogueMarkdown()}\n`);
  });
});
