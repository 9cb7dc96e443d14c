import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sakip } from './support/cli';

describe('the committed OpenAPI document', () => {
  it('is what the code generates (run "npm run openapi" after changing the API)', async () => {
    const run = await sakip(['openapi', '--out', '-']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const committed = readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8');
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(committed));
  }, 30_000); // spawns the CLI: a few seconds on a busy machine
});
