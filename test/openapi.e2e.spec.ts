import { existsSync, readFileSync } from 'node:fs';
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

describe('the README a new user follows', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('lists every route of the API, with its methods, in the route table', () => {
    const document = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const table = readme.slice(readme.indexOf('| route'), readme.indexOf('\n\n', readme.indexOf('| route')));
    // Every `METHOD /path` (or `GET/POST /path`) the table names.
    const listed = new Set(
      [...table.matchAll(/`([A-Z]+(?:\/[A-Z]+)*) (\/[^`\s]*)/g)].flatMap(([, methods, path]) =>
        methods!.split('/').map((method) => `${method} ${path}`),
      ),
    );
    const missing = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)
        .filter((route) => !listed.has(route)),
    );
    expect(missing).toEqual([]);
  });

  it('names only rule files that exist', () => {
    const named = [...readme.matchAll(/rules\/[\w-]+\/[\w-]+\.rule\.json/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
  });
});
