import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE, ROOT, sakip } from './support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sakip-hostile-cli-'));
const env = { SAKIP_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const small = (org: string) => `{
  "format": "sakip-bundle/2",
  "organisation": { "id": "${org}", "name": "Dinas Uji" },
  "document": { "kind": "renstra", "title": "Renstra Uji", "period": { "start": 2024, "end": 2026 } },
  "nodes": [
    { "id": "T1", "level": "tujuan", "name": "Tujuan" },
    { "id": "S1", "level": "sasaran", "name": "Sasaran", "parent": "T1" }
  ]
}`;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
/** A clear message, exit code 1, and nothing of the machinery underneath. */
const refused = (run: { code: number | null; stderr: string }) => {
  expect(run.code).toBe(1);
  expect(run.stderr).not.toMatch(/\n\s+at |invalid byte sequence|unsupported Unicode|RangeError|TypeError/);
};

describe('hostile input on the command line: a clear message naming where, exit code 1', () => {
  it('reads a file with a UTF-8 byte order mark as the HTTP API does', async () => {
    const run = await sakip(['import', file('bom.json', `\ufeff${small('uji-bom')}`)], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);

  it('refuses a NUL character, naming the JSON path', async () => {
    const run = await sakip(
      ['import', file('nul.json', small('uji-nul').replace('"Sasaran"', '"Sas\\u0000aran"'))],
      env,
    );
    refused(run);
    expect(run.stderr).toContain('nodes[1].name: the text contains a NUL character');
  }, 60_000);

  it('names the line and column of a syntax error, and of nesting too deep', async () => {
    const syntax = await sakip(
      ['import', file('syntax.json', small('uji-sintaks').replace('"Tujuan" },', '"Tujuan" }'))],
      env,
    );
    refused(syntax);
    expect(syntax.stderr).toMatch(/line 7, column \d+: not valid JSON/);
    const deep = await sakip(['import', file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))], env);
    refused(deep);
    expect(deep.stderr).toContain('line 1, column 33: nested more than 32 levels deep');
    const bytes = await sakip(['import', file('latin1.json', Buffer.from([0x7b, 0xe9, 0x7d]))], env);
    refused(bytes);
    expect(bytes.stderr).toContain('is not UTF-8 text');
  }, 60_000);

  it('refuses a cycle of parents instead of hiding both nodes', async () => {
    const cycle = small('uji-siklus').replace('"name": "Tujuan" }', '"name": "Tujuan", "parent": "S1" }');
    const run = await sakip(['import', file('cycle.json', cycle)], env);
    refused(run);
    expect(run.stderr).toContain('nodes[0].parent: makes a cycle of parents (T1 → S1 → T1)');
  }, 60_000);
});

describe('a long import', () => {
  it('says what it is doing while it works', async () => {
    const nodes = Array.from({ length: 2500 }, (_, i) => ({
      id: `K${i}`,
      level: 'kegiatan',
      name: `Kegiatan ${i}`,
    }));
    const large = JSON.parse(small('uji-besar')) as { nodes: object[] };
    large.nodes.push(...nodes);
    const run = await sakip(['import', file('large.json', JSON.stringify(large))], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Writing 250\d events…/);
  }, 120_000);
});

describe('a wrong DATABASE_URL', () => {
  it('is named in the message, without its password', async () => {
    const run = await sakip(['keys', 'list'], {
      DATABASE_URL: 'postgres://sakip:rahasia@db-host.invalid:5432/sakip',
    });
    refused(run);
    expect(run.stderr).toContain('[DATABASE_UNREACHABLE]');
    expect(run.stderr).toContain(
      'DATABASE_URL (postgres://sakip:***@db-host.invalid:5432/sakip) cannot be reached',
    );
    expect(run.stderr).not.toContain('rahasia');
  }, 60_000);
});

describe('rules on disk and the published rule set (sakip rules status / publish / retire)', () => {
  const rules = join(dir, 'rules');
  cpSync(join(ROOT, 'rules'), rules, { recursive: true });
  const renv = { SAKIP_DATA_DIR: join(dir, 'rules-data'), DATABASE_URL: '' };

  it('publishes a directory, shows files added later, publishes them, retires one, and evaluates with it', async () => {
    const none = await sakip(['rules', 'status', rules], renv);
    expect(none.stdout).toContain('No rule set is published yet');

    const first = await sakip(['rules', 'publish', rules], renv);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Published rule-set version 1: \d+ rules/);

    const added = JSON.parse(readFileSync(join(rules, 'smart', 'negative-value.rule.json'), 'utf8'));
    writeFileSync(
      join(rules, 'smart', 'negative-value-copy.rule.json'),
      JSON.stringify({ ...added, id: 'smart/negative-value-copy' }),
    );
    const status = await sakip(['rules', 'status', rules], renv);
    expect(status.stdout).toContain('New (not published):\n  smart/negative-value-copy');
    expect(status.stdout).toContain(
      '1 differences; evaluations use the published rule set until "sakip rules publish"',
    );

    expect((await sakip(['import', FIXTURE], renv)).code).toBe(0);
    const before = await sakip(['evaluate', '--year', '2025', '--now', '2026-11-24', '--rules', rules], renv);
    expect(before.stdout).toContain('published rule set version 2');

    const second = await sakip(['rules', 'publish', rules], renv);
    expect(second.stdout).toContain('Nothing new: rule-set version 2 already holds these rules.');

    const retired = await sakip(['rules', 'retire', 'smart/negative-value-copy'], renv);
    expect(retired.stdout).toContain('Rule smart/negative-value-copy retired: rule-set version 3.');
    const after = await sakip(['rules', 'status', rules], renv);
    expect(after.stdout).toContain('Published rule set: version 3');
    expect(after.stdout).toContain('New (not published):\n  smart/negative-value-copy');

    // A rule file of ./rules that is not published: the evaluation says which set it used, and the difference.
    await sakip(['rules', 'retire', 'smart/negative-value'], renv);
    const evaluated = await sakip(
      ['evaluate', '--year', '2025', '--now', '2026-11-24', '--org', 'dinsos-karanganyar'],
      renv,
    );
    expect(evaluated.stdout).toContain('published rule set version 4');
    expect(evaluated.stderr).toContain('1 rule files in rules/ differ from published rule-set version 4');
  }, 180_000);
});
