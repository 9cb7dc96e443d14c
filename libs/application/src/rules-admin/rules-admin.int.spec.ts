import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApplication, type Application } from '../application';
import { DEFAULT_RULES_DIR } from '../evaluations/rule-sets';
import { settingsFromEnv } from '../settings/settings';
import type { Caller } from '../shared/caller';
import { RulesAdmin } from './rules-admin';

const caller: Caller = {
  actor: { id: 'cli:admin', kind: 'cli', name: 'admin' },
  correlationId: randomUUID(),
};
const JUMP = 'smart/implausible-target-jump';

/** The catalogue's states come from the published versions and the rule files of a directory. */
describe('the rule catalogue (embedded store, a rules directory of its own)', () => {
  let app: Application;
  let dir: string;
  let admin: RulesAdmin;

  beforeAll(async () => {
    app = await openApplication(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
    dir = mkdtempSync(join(tmpdir(), 'sakip-rules-'));
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    admin = new RulesAdmin(
      app.evaluations,
      app.infrastructure.store,
      app.settings.evaluation,
      app.clock,
      dir,
    );
  }, 60_000);
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows every file as a draft before anything is published', async () => {
    const catalogue = await admin.catalogue();
    expect(catalogue.published).toBeNull();
    expect(catalogue.rules.length).toBeGreaterThan(10);
    expect(catalogue.rules.every((r) => r.state === 'draft' && r.hasFile && r.publishedIn === null)).toBe(
      true,
    );
  });

  it('marks published rules, files that differ, new files, retired rules and invalid files', async () => {
    await app.evaluations.publishDirectory(dir, caller);
    const file = join(dir, 'smart', 'implausible-target-jump.rule.json');
    const changed = JSON.parse(readFileSync(file, 'utf8')) as { severity: string };
    writeFileSync(
      file,
      JSON.stringify({ ...changed, severity: changed.severity === 'high' ? 'low' : 'high' }),
    );
    const fresh = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'smart', 'new-one.rule.json'), JSON.stringify({ ...fresh, id: 'smart/new-one' }));
    writeFileSync(join(dir, 'smart', 'broken.rule.json'), '{ not json');
    const retiredId = (await admin.catalogue()).rules.find(
      (r) => r.id !== JUMP && r.state === 'published',
    )!.id;
    await app.evaluations.retireRule(retiredId, caller, 'obsolete');

    const catalogue = await admin.catalogue();
    const of = (id: string) => catalogue.rules.find((r) => r.id === id);
    expect(of(JUMP)).toMatchObject({ state: 'published', differsFromPublished: true, publishedIn: 1 });
    expect(of('smart/new-one')).toMatchObject({ state: 'draft', hasFile: true, publishedIn: null });
    expect(of(retiredId)).toMatchObject({ state: 'retired', hasFile: true, publishedIn: 1, retiredIn: 2 });
    expect(catalogue.invalidFiles).toEqual([
      { file: join('smart', 'broken.rule.json'), problems: [expect.stringContaining('not readable JSON')] },
    ]);
    expect(catalogue.published).toMatchObject({ version: 2, comment: 'obsolete', publishedBy: 'admin' });
    expect(catalogue.history.map((h) => h.version)).toEqual([2, 1]);

    const detail = await admin.rule('smart', 'implausible-target-jump');
    expect(detail.differsFromPublished).toBe(true);
    expect(detail.file?.severity).not.toBe(detail.published?.severity);
  });
});
