import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { openApiDocument, startTestApi, type TestApi } from '@sakip/api/testing';
import { FIXTURE } from './support/cli';
import { describeEachStore } from './support/stores';

jest.setTimeout(60_000); // each suite starts its own API on a shared, busy machine

const ORG = 'dinsos-karanganyar';
const fixture = () => readFileSync(FIXTURE, 'utf8');
const WRONG_KEY = `sakip_000000000000_${'x'.repeat(43)}`;

/** A small bundle of its own organisation, as text (so tests can put in what JSON.stringify would not). */
const smallBundle = (org: string, extra = '') => `{
  "format": "sakip-bundle/2",
  "organisation": { "id": "${org}", "name": "Dinas Uji" },
  "document": { "kind": "renstra", "title": "Renstra Uji", "period": { "start": 2024, "end": 2026 } },
  "nodes": [{ "id": "T1", "level": "tujuan", "name": "Tujuan" }],
  "indicators": [{ "id": "T1-I1", "node": "T1", "name": "Indikator", "targets": { "2025": 12345678901234567890 } }]${extra}
}`;

describe('hostile input over HTTP: limits before work, 4xx never 5xx', () => {
  let api: TestApi;
  let admin: string;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    api = await startTestApi({ env: { SAKIP_MAX_BUNDLE_MB: '1' }, accessLog: pino(sink) });
    admin = await api.key('admin');
  });
  afterAll(() => api.close());

  const post = (path: string, body: string, key: string | null = admin) => {
    const request = api.http().post(path).set('Content-Type', 'application/json');
    return (key ? request.set('Authorization', `Bearer ${key}`) : request).send(body);
  };

  it('checks the key before it reads the body: no key, any body, 401', async () => {
    const unreadable = await post('/bundles', '{"format": ', null).expect(401);
    expect(unreadable.body.code).toBe('UNAUTHENTICATED');
    const huge = await post('/bundles', ' '.repeat(3 * 1024 * 1024), null).expect(401);
    expect(huge.body.code).toBe('UNAUTHENTICATED');
  });

  it('limits bodies per route: commands small, bundles as configured', async () => {
    const command = await post(
      `/indicators/${ORG}:S1-I1/realisations`,
      JSON.stringify({ expectedVersion: 0, period: '2025', value: 'x'.repeat(70_000) }),
    ).expect(413);
    expect(command.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 65536 });
    const bundle = await post(
      '/bundles',
      smallBundle('uji-besar', `, "x": "${'y'.repeat(1_100_000)}"`),
    ).expect(413);
    expect(bundle.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 1048576 });
  });

  it('names the line and column of a syntax error', async () => {
    const response = await post('/bundles', '{\n  "format": "sakip-bundle/2",\n  "nodes": [1,]\n}').expect(
      400,
    );
    expect(response.body).toMatchObject({ code: 'INVALID_JSON', line: 3, column: 15 });
    expect(response.body.detail).toContain('line 3, column 15');
  });

  it('refuses deep nesting, NUL characters, overlong ids and names with 4xx naming the JSON path', async () => {
    const deep = await post('/bundles', '['.repeat(50_000) + ']'.repeat(50_000)).expect(400);
    expect(deep.body).toMatchObject({ code: 'INVALID_JSON', line: 1, column: 33 });
    const nul = await post('/bundles', smallBundle('uji-nul').replace('"Tujuan"', '"Tuj\\u0000uan"')).expect(
      400,
    );
    expect(nul.body).toMatchObject({
      code: 'INVALID_REQUEST',
      errors: [{ path: 'nodes[0].name', message: expect.stringContaining('NUL') }],
    });
    const longId = await post(
      '/bundles',
      smallBundle('uji-id').replace(/"T1"/g, `"${'T'.repeat(5000)}"`),
    ).expect(422);
    expect(longId.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'nodes[0].id' })]),
    );
    const longName = await post(
      '/bundles',
      smallBundle('uji-nama').replace('"Dinas Uji"', `"${'n'.repeat(20_000)}"`),
    ).expect(400);
    expect(longName.body.errors[0]).toMatchObject({ path: 'organisation.name' });
  });

  it('accepts a UTF-8 byte order mark, and keeps the text of a number a double cannot hold', async () => {
    const response = await post('/bundles', `\ufeff${smallBundle('uji-bom')}`).expect(200);
    expect(response.body.stored.targets).toBe(1);
    const detail = await api
      .http()
      .get(`/indicators/uji-bom:T1-I1?waitFor=${response.body.position}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(detail.body.periods[0].target.raw).toBe('12345678901234567890');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await api
      .http()
      .post('/bundles')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('sends security headers and no X-Powered-By', async () => {
    const response = await api.http().get('/health').expect(200);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'strict-transport-security': expect.any(String),
    });
  });

  it('has a minimal /health without a key: no store path or host', async () => {
    const response = await api.http().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI JSON at /docs-json and /docs/openapi.json, with keys that are not JWTs', async () => {
    const json = await api.http().get('/docs-json').expect(200);
    await api.http().get('/docs/openapi.json').expect(200);
    expect(json.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'sakip API key',
    });
    expect(JSON.stringify(openApiDocument(api.app))).not.toContain('JWT"');
  });

  it('logs every request as a JSON line, and refused keys without their secret', async () => {
    await api.http().get('/organisations').set('Authorization', `Bearer ${WRONG_KEY}`).expect(401);
    await api.http().get('/organisations').set('Authorization', `Bearer ${admin}`).expect(200);
    const refused = logLines.find((l) => l['event'] === 'auth-failed' && l['keyId'] === '000000000000');
    expect(refused).toMatchObject({ reason: 'unknown, revoked or malformed key', path: '/organisations' });
    const access = logLines.filter(
      (l) => l['res'] !== undefined && (l['req'] as { url?: string } | undefined)?.url === '/organisations',
    );
    expect(access.map((l) => (l['res'] as { statusCode: number }).statusCode)).toEqual(
      expect.arrayContaining([401, 200]),
    );
    expect(JSON.stringify(logLines)).not.toContain(WRONG_KEY.slice(20));
    expect(JSON.stringify(logLines)).not.toContain(admin.slice(20));
  });

  it('answers 503 on /health when the store cannot be reached, naming no host', async () => {
    const store = api.application.infrastructure.store;
    const head = jest
      .spyOn(store, 'headPosition')
      .mockRejectedValue(new Error('connect ECONNREFUSED db.internal.example:5432'));
    try {
      const response = await api.http().get('/health').expect(503);
      expect(response.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(JSON.stringify(response.body)).not.toMatch(/db\.internal|5432|memory:|pglite/i);
    } finally {
      head.mockRestore();
    }
  });
});

describeEachStore('concurrency over HTTP', (store) => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi({ env: store.env({ inMemory: true }) });
    admin = await api.key('admin');
  });
  afterAll(() => api.close());
  const importBundle = (org: string) =>
    api
      .http()
      .post('/bundles')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send(smallBundle(org))
      .expect(200);

  it('answers parallel requests with one Idempotency-Key: one 201, a different request 422, the same one replayed', async () => {
    const imported = await importBundle('uji-idem');
    const post = (key: string, value: string) =>
      api
        .http()
        .post('/organisations/uji-idem/submissions')
        .set('Authorization', `Bearer ${admin}`)
        .set('Idempotency-Key', key)
        .send({ kind: 'lkjip', year: 2025, submittedOn: value });
    const different = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post('kunci-1', `2026-02-${String(i + 1).padStart(2, '0')}`)),
    );
    expect(different.filter((r) => r.status === 201)).toHaveLength(1);
    expect(different.filter((r) => r.status === 422).map((r) => r.body.code)).toEqual(
      Array(19).fill('IDEMPOTENCY_KEY_REUSED'),
    );
    const same = await Promise.all(Array.from({ length: 20 }, () => post('kunci-2', '2026-03-01')));
    expect(same.every((r) => r.status === 201)).toBe(true);
    expect(same.filter((r) => !r.body.replayed)).toHaveLength(1);
    const events = await api.application.infrastructure.store.readStream('organisation-uji-idem');
    expect(events.filter((e) => e.type === 'DocumentSubmitted')).toHaveLength(2);
    expect(imported.body.organisationId).toBe('uji-idem');
  });

  it('lets exactly one of parallel writers with the same expected version win; the others get 409 and store nothing', async () => {
    // Given an indicator at some version
    const imported = await importBundle('uji-versi');
    const ref = 'uji-versi:T1-I1';
    const before = await api
      .http()
      .get(`/indicators/${ref}?waitFor=${imported.body.position}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const version: number = before.body.indicator.version;
    const streamLength = async () =>
      (await api.application.infrastructure.store.readStream('indicator-uji-versi/T1-I1')).length;
    const eventsBefore = await streamLength();
    // When 12 realisations are sent at once, each against that version
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api
          .http()
          .post(`/indicators/${ref}/realisations`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ expectedVersion: version, period: '2025', value: String(70 + i) }),
      ),
    );
    // Then one is stored, every other is refused as stale, and the indicator moved on by one version
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(
      Array(11).fill('STALE_VERSION'),
    );
    const winner = answers.findIndex((r) => r.status === 201);
    const after = await api
      .http()
      .get(`/indicators/${ref}?waitFor=${answers[winner]!.body.position}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(after.body.indicator.version).toBe(version + 1);
    expect(await streamLength()).toBe(eventsBefore + 1);
    const stored = after.body.periods.find((p: { period: string }) => p.period === '2025');
    expect(stored.realisation.raw).toBe(String(70 + winner));
  });
});

describe('failed keys are rate limited (429)', () => {
  it('refuses an address after too many wrong keys, even with a right one, until the window ends', async () => {
    const api = await startTestApi({ env: { SAKIP_FAILED_KEYS_PER_MINUTE: '5' } });
    try {
      const admin = await api.key('admin');
      for (let i = 0; i < 5; i++)
        await api.http().get('/organisations').set('Authorization', `Bearer ${WRONG_KEY}`).expect(401);
      const limited = await api
        .http()
        .get('/organisations')
        .set('Authorization', `Bearer ${admin}`)
        .expect(429);
      expect(limited.body.code).toBe('TOO_MANY_FAILED_KEYS');
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.body.messages).toMatchObject({
        id: expect.stringContaining('detik'),
        en: expect.stringContaining('retry in'),
      });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.body.retryAfterSeconds).toBe(retryAfter);
      await api.http().get('/health').expect(200);
    } finally {
      await api.close();
    }
  });

  it('counts only refused keys: successful requests in between do not bring the limit nearer', async () => {
    // Given a limit of 3 wrong keys a minute
    const api = await startTestApi({ env: { SAKIP_FAILED_KEYS_PER_MINUTE: '3' } });
    try {
      const admin = await api.key('admin');
      const get = (key: string) => api.http().get('/organisations').set('Authorization', `Bearer ${key}`);
      // When an address fails twice and then sends 30 good requests
      await get(WRONG_KEY).expect(401);
      await get(WRONG_KEY).expect(401);
      for (let i = 0; i < 30; i++) await get(admin).expect(200);
      // Then its third wrong key is still answered 401, and only after it is the address refused
      await get(WRONG_KEY).expect(401);
      await get(admin).expect(429);
    } finally {
      await api.close();
    }
  });
});

describe('the bundle fixture still imports under the limits', () => {
  it('imports', async () => {
    const api = await startTestApi();
    try {
      const admin = await api.key('admin');
      await api
        .http()
        .post('/bundles')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/json')
        .send(fixture())
        .expect(200);
    } finally {
      await api.close();
    }
  });
});
