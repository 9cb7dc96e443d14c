import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi, type TestApi } from '@sakip/api/testing';
import { FIXTURE } from './support/cli';

const ORG = 'dinsos-karanganyar';
const bundle = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
const auth = (key: string) => ({ Authorization: `Bearer ${key}`, Accept: 'application/json' });

/** A bilingual problem: code, status, both messages. */
const problem = (code: string) =>
  expect.objectContaining({
    code,
    messages: { id: expect.any(String), en: expect.any(String) },
  });

describe('the API of the web application', () => {
  let api: TestApi;
  let admin: string;
  let inspector: string;
  let planner: string;
  let viewer: string;
  let webDir: string;
  let documentId: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'sakip-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>sakip web</title><div id="root"></div>');
    writeFileSync(join(webDir, 'app.js'), 'console.log("sakip");');
    api = await startTestApi({ webDir });
    admin = await api.key('admin');
    inspector = await api.key('inspector');
    planner = await api.key('planner', [ORG]);
    viewer = await api.key('viewer');
    const imported = await api.http().post('/bundles').set(auth(admin)).send(bundle()).expect(200);
    documentId = imported.body.documentId;
    // A second organisation the planner may not see.
    const other = bundle();
    other['organisation'] = { id: 'dinsos-lain', name: 'Dinas Sosial Lain' };
    const second = await api.http().post('/bundles').set(auth(admin)).send(other).expect(200);
    await api.application.readModelsAt(second.body.position);
  }, 120_000);
  afterAll(async () => {
    await api.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  describe('GET /me', () => {
    it('says who the key is: role, organisations (null: all), label', async () => {
      const me = await api.http().get('/me').set(auth(planner)).expect(200);
      expect(me.body).toEqual({
        keyId: expect.stringMatching(/^[0-9a-f]{12}$/),
        role: 'planner',
        organisations: [ORG],
        label: 'test planner',
      });
      const all = await api.http().get('/me').set(auth(inspector)).expect(200);
      expect(all.body).toMatchObject({ role: 'inspector', organisations: null });
    });

    it('refuses a request without a key', async () => {
      const refused = await api.http().get('/me').set('Accept', 'application/json').expect(401);
      expect(refused.body).toEqual(problem('UNAUTHENTICATED'));
    });
  });

  describe('GET /search', () => {
    it('finds organisations, documents, nodes and indicators by name or code, case-insensitively', async () => {
      const found = await api.http().get('/search?q=REFORMASI').set(auth(viewer)).expect(200);
      expect(found.body.query).toBe('REFORMASI');
      const kinds = new Set(found.body.results.map((r: { kind: string }) => r.kind));
      expect(kinds).toEqual(new Set(['node', 'indicator']));
      expect(found.body.results).toContainEqual(
        expect.objectContaining({
          kind: 'indicator',
          organisation: ORG,
          id: 'T1-I1',
          ref: `${ORG}:T1-I1`,
          name: 'Indeks Reformasi Birokrasi',
          document: documentId,
        }),
      );
      const byCode = await api.http().get('/search?q=1.06.01&limit=3').set(auth(viewer)).expect(200);
      expect(byCode.body.results.length).toBeLessThanOrEqual(3);
      expect(byCode.body.results[0]).toMatchObject({
        kind: 'node',
        code: expect.stringContaining('1.06.01'),
      });
      const organisations = await api.http().get('/search?q=dinas sosial').set(auth(viewer)).expect(200);
      expect(
        organisations.body.results.filter((r: { kind: string }) => r.kind === 'organisation'),
      ).toHaveLength(2);
    });

    it('shows a planner only its organisations', async () => {
      const found = await api.http().get('/search?q=dinas sosial&limit=100').set(auth(planner)).expect(200);
      expect(found.body.results.length).toBeGreaterThan(0);
      expect(found.body.results.every((r: { organisation: string }) => r.organisation === ORG)).toBe(true);
    });

    it('treats % and _ as plain characters', async () => {
      const found = await api.http().get('/search?q=%25').set(auth(viewer)).expect(200);
      expect(found.body.results).toEqual([]);
    });

    it('refuses an empty or oversized query with a bilingual problem', async () => {
      const empty = await api.http().get('/search?q=').set(auth(viewer)).expect(400);
      expect(empty.body).toEqual(problem('INVALID_REQUEST'));
      await api.http().get('/search').set(auth(viewer)).expect(400);
      await api.http().get('/search?q=x&limit=1000').set(auth(viewer)).expect(400);
    });
  });

  describe('serving the web application', () => {
    it('serves index.html at / and for client routes, its files without a key, under a page policy', async () => {
      const home = await api.http().get('/').expect(200);
      expect(home.text).toContain('sakip web');
      const csp = home.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).not.toMatch(/https?:/);
      const route = await api.http().get('/batches/123').set('Accept', 'text/html,*/*;q=0.8').expect(200);
      expect(route.text).toContain('sakip web');
      const script = await api.http().get('/app.js').expect(200);
      expect(script.text).toContain('console.log');
    });

    it('keeps API routes, /docs and /health, and answers JSON problems for unknown API paths', async () => {
      const html = 'text/html,application/xhtml+xml,*/*;q=0.8';
      const unauthenticated = await api.http().get('/evaluations').set('Accept', html).expect(401);
      expect(unauthenticated.headers['content-type']).toContain('application/problem+json');
      await api.http().get('/health').set('Accept', html).expect(200, { status: 'ok' });
      const docs = await api.http().get('/docs/').set('Accept', html).expect(200);
      expect(docs.text).toContain('swagger');
      await api.http().get('/docs-json').expect(200);
      const missing = await api.http().get('/no-such-route').set('Accept', 'application/json').expect(404);
      expect(missing.body).toEqual(problem('NOT_FOUND'));
      // The strict policy of the API (helmet's), not the pages'.
      expect(missing.headers['content-security-policy']).not.toContain('worker-src');
      const missingFile = await api.http().get('/missing.js').expect(404);
      expect(missingFile.headers['content-type']).toContain('application/problem+json');
      const underApi = await api.http().get('/rules/nope/nope/nope').set(auth(admin)).expect(404);
      expect(underApi.body).toEqual(problem('NOT_FOUND'));
    });

    it('says how to build the web application when it is not built', async () => {
      const bare = await startTestApi({ webDir: join(webDir, 'missing') });
      try {
        const page = await bare.http().get('/').expect(200);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.text).toContain('Aplikasi web belum dibangun');
        expect(page.text).toContain('The web application has not been built');
        expect(page.text).toContain('npm run build:web');
      } finally {
        await bare.close();
      }
    }, 60_000);
  });
});
