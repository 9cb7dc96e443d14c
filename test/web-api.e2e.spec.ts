import { ikuWithoutFormulaRule } from './support/rules';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi, type TestApi } from '@sakip/api/testing';
import { writeWorkbook, XLSX_MEDIA_TYPE, type Bundle } from '@sakip/application';
import { exampleWithTenMistakes, fillWorkbook } from '@sakip/application/testing';
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

    it('treats % and _ as plain characters, and a blank query finds nothing', async () => {
      const found = await api.http().get('/search?q=%25').set(auth(viewer)).expect(200);
      expect(found.body.results).toEqual([]);
      const blank = await api.http().get('/search?q=%20%20').set(auth(viewer)).expect(200);
      expect(blank.body).toEqual({ query: '', results: [] });
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

  describe('evaluation batches, findings and the page of a finding', () => {
    let batchId: string;

    /** Polls GET /evaluations/:id until the batch is no longer running. */
    const finished = async (id: string) => {
      for (;;) {
        const polled = await api.http().get(`/evaluations/${id}`).set(auth(inspector)).expect(200);
        if (polled.body.status !== 'running') return polled.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    beforeAll(async () => {
      const started = await api
        .http()
        .post('/evaluations')
        .set(auth(inspector))
        .send({ year: 2025, now: '2026-11-24', organisations: [ORG] })
        .expect(202);
      batchId = started.body.batchId;
      const listed = await api.http().get('/evaluations').set(auth(inspector)).expect(200);
      expect(listed.body.batches[0]).toMatchObject({
        batchId,
        year: 2025,
        kinds: ['review'],
        organisations: expect.any(Number),
        startedBy: 'test inspector',
        startedAt: expect.any(String),
      });
      expect(['running', 'done']).toContain(listed.body.batches[0].status);
      expect((await finished(batchId)).status).toBe('done');
    }, 120_000);

    it('lists batches newest first with position, rule-set version, who and when', async () => {
      const second = await api
        .http()
        .post('/evaluations')
        .set(auth(admin))
        .send({ year: 2024, kinds: ['review', 'compliance'] })
        .expect(202);
      await finished(second.body.batchId);
      const stored = await api.http().get(`/evaluations/${second.body.batchId}`).set(auth(admin)).expect(200);
      await api.application.readModelsAt(stored.body.batch.position);
      const listed = await api.http().get('/evaluations?limit=10').set(auth(inspector)).expect(200);
      expect(listed.body.total).toBe(2);
      expect(listed.body.batches.map((b: { batchId: string }) => b.batchId)).toEqual([
        second.body.batchId,
        batchId,
      ]);
      expect(listed.body.batches[0]).toEqual({
        batchId: second.body.batchId,
        status: 'done',
        year: 2024,
        kinds: ['review', 'compliance'],
        organisations: 2,
        position: expect.stringMatching(/^\d+:\d+$/),
        ruleSetVersion: 1,
        startedBy: 'test admin',
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        findings: expect.any(Number),
        document: null,
      });
      const paged = await api.http().get('/evaluations?limit=1&offset=1').set(auth(inspector)).expect(200);
      expect(paged.body).toMatchObject({ total: 2, batches: [{ batchId }] });
    });

    it('refuses the list to planners and viewers, and a bad page', async () => {
      const refused = await api.http().get('/evaluations').set(auth(planner)).expect(403);
      expect(refused.body).toEqual(problem('FORBIDDEN_FOR_ROLE'));
      await api.http().get('/evaluations').set(auth(viewer)).expect(403);
      const bad = await api.http().get('/evaluations?limit=0').set(auth(inspector)).expect(400);
      expect(bad.body).toEqual(problem('INVALID_REQUEST'));
    });

    it('filters findings by defect class and document; each has an id', async () => {
      const all = await api.http().get(`/evaluations/${batchId}/findings`).set(auth(inspector)).expect(200);
      expect(all.body.total).toBeGreaterThan(10);
      expect(all.body.findings.map((f: { id: string }) => f.id).slice(0, 3)).toEqual(['0', '1', '2']);
      const cls = all.body.findings[0].class as string;
      const byClass = await api
        .http()
        .get(`/evaluations/${batchId}/findings?class=${cls}`)
        .set(auth(inspector))
        .expect(200);
      expect(byClass.body.total).toBe(
        all.body.findings.filter((f: { class: string }) => f.class === cls).length,
      );
      expect(byClass.body.findings.every((f: { class: string }) => f.class === cls)).toBe(true);
      const byDocument = await api
        .http()
        .get(`/evaluations/${batchId}/findings?document=${documentId}&limit=5`)
        .set(auth(inspector))
        .expect(200);
      expect(byDocument.body.total).toBeGreaterThan(0);
      expect(
        byDocument.body.findings.every(
          (f: { subject: { documentId: string } }) => f.subject.documentId === documentId,
        ),
      ).toBe(true);
      const none = await api
        .http()
        .get(`/evaluations/${batchId}/findings?document=nope`)
        .set(auth(inspector))
        .expect(200);
      expect(none.body).toMatchObject({ total: 0, findings: [] });
      const badClass = await api
        .http()
        .get(`/evaluations/${batchId}/findings?class=nope`)
        .set(auth(inspector))
        .expect(400);
      expect(badClass.body).toEqual(problem('INVALID_REQUEST'));
    });

    it('counts findings per document and rule, with the filters of the list', async () => {
      const grouped = await api
        .http()
        .get(`/evaluations/${batchId}/findings/groups?severity=high`)
        .set(auth(inspector))
        .expect(200);
      const high = await api
        .http()
        .get(`/evaluations/${batchId}/findings?severity=high`)
        .set(auth(inspector))
        .expect(200);
      expect(grouped.body.total).toBe(high.body.total);
      expect(grouped.body.groups.reduce((sum: number, g: { count: number }) => sum + g.count, 0)).toBe(
        high.body.total,
      );
      const [first] = grouped.body.groups;
      expect(first).toMatchObject({
        organisationId: ORG,
        documentId,
        rule: expect.any(String),
        class: expect.any(String),
        severity: 'high',
        count: expect.any(Number),
      });
      const members = await api
        .http()
        .get(`/evaluations/${batchId}/findings?document=${documentId}&rule=${first.rule}&severity=high`)
        .set(auth(inspector))
        .expect(200);
      expect(members.body.total).toBe(first.count);
      await api.http().get(`/evaluations/${batchId}/findings/groups`).set(auth(viewer)).expect(403);
    });

    it('shows a finding with its rule, evidence values, their source in the document, and links', async () => {
      const list = await api
        .http()
        .get(`/evaluations/${batchId}/findings?rule=smart/implausible-target-jump`)
        .set(auth(inspector))
        .expect(200);
      const listed = list.body.findings[0];
      const detail = await api
        .http()
        .get(`/evaluations/${batchId}/findings/${listed.id}`)
        .set(auth(inspector))
        .expect(200);
      expect(detail.body.finding).toEqual(listed);
      expect(detail.body.rule).toMatchObject({
        id: 'smart/implausible-target-jump',
        title: { id: expect.any(String), en: expect.any(String) },
        reference: expect.any(String),
      });
      expect(detail.body.evidence).toContainEqual({
        fact: 'maxTargetJumpRatio',
        value: expect.any(Number),
        description: expect.any(String),
      });
      expect(detail.body.sources.length).toBeGreaterThan(0);
      expect(detail.body.sources[0]).toMatchObject({ eventId: expect.any(String), document: documentId });
      expect(detail.body.sources.some((s: { table: string | null }) => s.table !== null)).toBe(true);
      expect(detail.body.links).toMatchObject({
        organisation: ORG,
        document: documentId,
        indicator: `${ORG}:${listed.subject.indicatorId}`,
        node: listed.subject.nodeId,
      });
      const indicator = await api.http().get(`/indicators/${detail.body.links.indicator}`).set(auth(viewer));
      expect(indicator.status).toBe(200);
    });

    it('answers an unknown finding or batch with a bilingual 404, and refuses planners', async () => {
      const missing = await api
        .http()
        .get(`/evaluations/${batchId}/findings/99999`)
        .set(auth(inspector))
        .expect(404);
      expect(missing.body).toEqual(problem('UNKNOWN_FINDING'));
      await api.http().get(`/evaluations/${batchId}/findings/abc`).set(auth(inspector)).expect(404);
      const noBatch = await api.http().get('/evaluations/nope/findings/0').set(auth(inspector)).expect(404);
      expect(noBatch.body).toEqual(problem('UNKNOWN_EVALUATION'));
      await api.http().get(`/evaluations/${batchId}/findings/0`).set(auth(planner)).expect(403);
    });

    it('carries the draft LKE score and grade per organisation, by component and by defect class', async () => {
      const batch = await api.http().get(`/evaluations/${batchId}`).set(auth(inspector)).expect(200);
      const [summary] = batch.body.batch.summary.organisations;
      expect(summary).toMatchObject({
        organisationId: ORG,
        byClass: expect.any(Object),
        lke: { total: expect.any(Number), grade: expect.any(String) },
      });
      expect(summary.lke.components.map((c: { id: string }) => c.id)).toEqual([
        'perencanaan',
        'pengukuran',
        'pelaporan',
        'evaluasi',
      ]);
    });
  });

  describe('the rules of an administrator', () => {
    const draftRule = () => ikuWithoutFormulaRule();

    it('publishes with a comment, retires with a comment, and the catalogue and history say so', async () => {
      // The shipped rules are version 1 (published by the first batch or now).
      const before = await api.http().get('/rules/catalogue').set(auth(admin)).expect(200);
      expect(before.body.rules.length).toBeGreaterThan(10);
      const published = await api
        .http()
        .post('/rules')
        .set(auth(admin))
        .send({ rule: draftRule(), comment: 'IKU harus punya formula' })
        .expect(201);
      await api.application.readModelsAt(published.body.position);
      const catalogue = await api.http().get('/rules/catalogue').set(auth(viewer)).expect(200);
      const entry = catalogue.body.rules.find((r: { id: string }) => r.id === 'smart/iku-without-formula');
      expect(entry).toMatchObject({
        area: 'smart',
        name: 'iku-without-formula',
        class: 'indicator-undefined',
        severity: 'high',
        state: 'published',
        differsFromPublished: false,
        hasFile: false,
        title: { en: 'Key indicator without formula' },
        message: { en: 'Key indicator "{indicatorName}" has no formula.' },
        retiredIn: null,
      });
      const version = entry.publishedIn as number;
      expect(catalogue.body.published).toMatchObject({
        version,
        comment: 'IKU harus punya formula',
        publishedBy: 'test admin',
      });
      expect(catalogue.body.history[0]).toMatchObject({
        version,
        change: {
          kind: 'published',
          ruleIds: ['smart/iku-without-formula'],
          comment: 'IKU harus punya formula',
        },
        by: 'test admin',
        at: expect.any(String),
      });
      const one = await api
        .http()
        .get('/rules/catalogue/smart/iku-without-formula')
        .set(auth(admin))
        .expect(200);
      expect(one.body).toMatchObject({ id: 'smart/iku-without-formula', state: 'published', file: null });
      expect(one.body.published.conditions).toEqual(draftRule().conditions);

      await api
        .http()
        .delete('/rules/smart/iku-without-formula')
        .set(auth(admin))
        .send({ comment: 'diganti aturan lain' })
        .expect(200);
      const after = await api.http().get('/rules/catalogue').set(auth(admin)).expect(200);
      expect(
        after.body.rules.find((r: { id: string }) => r.id === 'smart/iku-without-formula'),
      ).toMatchObject({
        state: 'retired',
        publishedIn: version,
        retiredIn: version + 1,
      });
      const rules = await api.http().get('/rules').set(auth(admin)).expect(200);
      expect(rules.body.version).toBe(version + 1);
      expect(rules.body.history[0].change).toEqual({
        kind: 'retired',
        ruleIds: ['smart/iku-without-formula'],
        comment: 'diganti aturan lain',
      });
      const retired = await api
        .http()
        .get('/rules/catalogue/smart/iku-without-formula')
        .set(auth(admin))
        .expect(200);
      expect(retired.body).toMatchObject({
        state: 'retired',
        published: { id: 'smart/iku-without-formula' },
      });

      // A bare rule still publishes (without a comment); a retire without a body still works.
      await api.http().post('/rules').set(auth(admin)).send(draftRule()).expect(201);
      await api.http().delete('/rules/smart/iku-without-formula').set(auth(admin)).expect(200);
    });

    it('refuses bad bodies and other roles with bilingual problems', async () => {
      const badComment = await api
        .http()
        .post('/rules')
        .set(auth(admin))
        .send({ rule: draftRule(), comment: 5 })
        .expect(400);
      expect(badComment.body).toEqual(problem('INVALID_REQUEST'));
      await api.http().post('/rules').set(auth(admin)).send({ rule: draftRule(), extra: 1 }).expect(400);
      const longComment = await api
        .http()
        .delete('/rules/smart/implausible-target-jump')
        .set(auth(admin))
        .send({ comment: 'x'.repeat(2001) })
        .expect(400);
      expect(longComment.body).toEqual(problem('INVALID_REQUEST'));
      const forbidden = await api.http().post('/rules').set(auth(inspector)).send(draftRule()).expect(403);
      expect(forbidden.body).toEqual(problem('FORBIDDEN_FOR_ROLE'));
      await api.http().delete('/rules/smart/implausible-target-jump').set(auth(planner)).expect(403);
      const unknown = await api.http().get('/rules/catalogue/smart/nope').set(auth(admin)).expect(404);
      expect(unknown.body).toEqual(problem('UNKNOWN_CATALOGUE_RULE'));
      const notPublished = await api.http().delete('/rules/smart/nope').set(auth(admin)).expect(404);
      expect(notPublished.body).toEqual(problem('UNKNOWN_RULE'));
    });

    it('gives the fact catalogue and the rule schema for the editor', async () => {
      const facts = await api.http().get('/rules/facts').set(auth(admin)).expect(200);
      expect(facts.body.facts).toContainEqual({
        name: 'hasFormula',
        scope: 'indicator',
        type: 'boolean',
        nullable: false,
        description: expect.any(String),
      });
      const schema = await api.http().get('/rules/schema').set(auth(admin)).expect(200);
      expect(schema.body.properties).toHaveProperty('conditions');
      expect(schema.body.required).toEqual(expect.arrayContaining(['id', 'conditions']));
    });

    it('dry-runs a draft beside the published rule of the same id: what it adds and no longer finds', async () => {
      const rules = await api.http().get('/rules').set(auth(admin)).expect(200);
      const live = rules.body.rules.find((r: { id: string }) => r.id === 'smart/implausible-target-jump');
      const same = await api
        .http()
        .post('/rules/dry-run')
        .set(auth(admin))
        .send({ rule: live, year: 2025, organisations: [ORG] })
        .expect(200);
      expect(same.body.total).toBeGreaterThan(0);
      expect(same.body.published).toMatchObject({ version: rules.body.version, total: same.body.total });
      expect(same.body.diff).toEqual({ added: [], removed: [] });

      const inverted = { ...live, conditions: { not: live.conditions } };
      const changed = await api
        .http()
        .post('/rules/dry-run')
        .set(auth(admin))
        .send({ rule: inverted, year: 2025, organisations: [ORG] })
        .expect(200);
      expect(changed.body.diff.removed).toHaveLength(same.body.total);
      expect(changed.body.diff.added).toHaveLength(changed.body.total);
      expect(changed.body.diff.removed[0]).toMatch(/^smart\/implausible-target-jump\|dinsos-karanganyar\|/);

      const fresh = await api
        .http()
        .post('/rules/dry-run')
        .set(auth(admin))
        .send({ rule: draftRule(), year: 2025 })
        .expect(200);
      expect(fresh.body.published).toBeUndefined();
      expect(fresh.body.diff.removed).toEqual([]);
      expect(fresh.body.diff.added).toHaveLength(new Set(fresh.body.diff.added).size);
    });
  });

  describe('a review before submitting', () => {
    it('reviews a bundle for any signed-in role and stores nothing', async () => {
      const head = await api.application.infrastructure.store.headPosition();
      const reviewed = await api
        .http()
        .post('/reviews?now=2026-11-30')
        .set(auth(planner))
        .send(bundle())
        .expect(200);
      expect(reviewed.body).toMatchObject({
        ok: true,
        now: '2026-11-30',
        ruleSet: { version: expect.any(Number) },
        documents: [{ organisationId: ORG, kind: 'renstra', period: { start: 2024, end: 2026 } }],
      });
      expect(reviewed.body.total).toBeGreaterThan(0);
      expect(reviewed.body.findings).toHaveLength(reviewed.body.total);
      expect(
        Object.values(reviewed.body.summary.bySeverity).reduce((a: number, b) => a + (b as number), 0),
      ).toBe(reviewed.body.total);
      await api.http().post('/reviews').set(auth(viewer)).send(bundle()).expect(200);
      expect(await api.application.infrastructure.store.headPosition()).toEqual(head);
    });

    it('reviews a workbook sent as the raw body, and names the problems of a bad workbook at their cells', async () => {
      const workbook = await writeWorkbook(bundle() as unknown as Bundle);
      const reviewed = await api
        .http()
        .post('/reviews')
        .set(auth(inspector))
        .set('Content-Type', XLSX_MEDIA_TYPE)
        .send(workbook)
        .expect(200);
      expect(reviewed.body).toMatchObject({
        ok: true,
        documents: [{ organisationId: ORG, name: 'workbook.xlsx' }],
      });
      expect(reviewed.body.total).toBeGreaterThan(0);
      const mistakes = await fillWorkbook(await writeWorkbook(), exampleWithTenMistakes('dinsos-salah'));
      const rejected = await api
        .http()
        .post('/reviews')
        .set(auth(inspector))
        .set('Content-Type', XLSX_MEDIA_TYPE)
        .send(mistakes)
        .expect(200);
      expect(rejected.body.ok).toBe(false);
      expect(
        rejected.body.rejected[0].problems.some((p: { path: string }) => /^[A-Za-z ]+!/.test(p.path)),
      ).toBe(true);
    }, 60_000);

    it('answers an unreadable document with every problem, and refuses bad input and no key', async () => {
      const rejected = await api
        .http()
        .post('/reviews')
        .set(auth(planner))
        .send({ format: 'sakip-bundle/2' })
        .expect(200);
      expect(rejected.body.ok).toBe(false);
      expect(rejected.body.rejected[0].problems.length).toBeGreaterThan(0);
      const badDate = await api
        .http()
        .post('/reviews?now=2026-13-45')
        .set(auth(planner))
        .send(bundle())
        .expect(400);
      expect(badDate.body).toEqual(problem('INVALID_REQUEST'));
      const text = await api
        .http()
        .post('/reviews')
        .set(auth(planner))
        .set('Content-Type', 'text/plain')
        .send('hello')
        .expect(415);
      expect(text.body).toEqual(problem('UNSUPPORTED_MEDIA_TYPE'));
      await api.http().post('/reviews').set('Accept', 'application/json').send(bundle()).expect(401);
    });
  });

  describe('the planner pages', () => {
    it('gives the tree with the targets of each indicator per year, and budgets', async () => {
      const tree = await api
        .http()
        .get(`/organisations/${ORG}/documents/${documentId}/tree`)
        .set(auth(planner))
        .expect(200);
      const indicators = (nodes: { indicators: unknown[]; children: unknown[] }[]): unknown[] =>
        nodes.flatMap((n) => [...n.indicators, ...indicators(n.children as typeof nodes)]);
      const all = indicators(tree.body.tree) as {
        indicatorId: string;
        targets: { year: number; target: unknown }[];
      }[];
      const t1 = all.find((i) => i.indicatorId === 'T1-I1')!;
      expect(t1.targets.map((t) => t.year)).toEqual(expect.arrayContaining([2024, 2025, 2026]));
      expect(t1.targets[0]).toMatchObject({
        period: expect.any(String),
        target: expect.objectContaining({ raw: expect.anything() }),
      });
    });

    it('answers a stale expectedVersion with what changed since', async () => {
      const ref = `${ORG}:T1-I1`;
      const detail = await api.http().get(`/indicators/${ref}`).set(auth(planner)).expect(200);
      const seen = detail.body.indicator.version as number;
      await api
        .http()
        .post(`/indicators/${ref}/realisations`)
        .set(auth(planner))
        .send({ period: '2024', value: 80, expectedVersion: seen })
        .expect(201);
      const stale = await api
        .http()
        .post(`/indicators/${ref}/realisations`)
        .set(auth(planner))
        .send({ period: '2025', value: 81, expectedVersion: seen })
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'STALE_VERSION',
        expectedVersion: seen,
        currentVersion: seen + 1,
        messages: { id: expect.any(String), en: expect.any(String) },
        changes: [
          {
            version: seen + 1,
            type: 'RealisationReported',
            by: 'test planner',
            at: expect.any(String),
            data: expect.objectContaining({ period: '2024' }),
          },
        ],
      });
    });
  });
});
