import { readFileSync } from 'node:fs';
import { FIXTURE } from './support/cli';
import { startTestApi, type TestApi } from '@sakip/api/testing';

describe('POST /bundles (HTTP API, embedded store)', () => {
  let api: TestApi;
  let admin: string;
  const bundle = () => JSON.parse(readFileSync(FIXTURE, 'utf8'));
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.key('admin');
  });
  afterAll(() => api.close());

  it('imports the fixture and reports what the file holds and what was stored', async () => {
    const response = await api
      .http()
      .post('/bundles')
      .set('Authorization', `Bearer ${admin}`)
      .send(bundle())
      .expect(200);
    expect(response.body).toMatchObject({
      organisationId: 'dinsos-karanganyar',
      inBundle: {
        nodes: { tujuan: 3, sasaran: 7, program: 6, kegiatan: 13, subkegiatan: 39 },
        indicators: 76,
        targets: 215,
        budgets: 243,
        realisations: 30,
        statements: 175,
        historyItems: 3,
        referenceItems: 12,
      },
      stored: { indicators: 76, targets: 215, budgets: 243, realisations: 30, statements: 175, events: 759 },
      nothingNew: false,
    });
    expect(response.body.position).toMatch(/^\d+:\d+$/);
  });

  it('writes nothing when the same bundle comes again, and says so', async () => {
    const response = await api.http().post('/bundles').set('X-API-Key', admin).send(bundle()).expect(200);
    expect(response.body).toMatchObject({ nothingNew: true, stored: { events: 0 } });
  });

  it('rejects a bad bundle with 422 Problem Details listing every problem', async () => {
    const bad = bundle();
    bad.document.period.start = 'dua ribu';
    delete bad.indicators[2].name;
    const response = await api
      .http()
      .post('/bundles')
      .set('Authorization', `Bearer ${admin}`)
      .send(bad)
      .expect(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'BUNDLE_REJECTED', status: 422 });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'document.period.start', message: 'must be an integer', pesan: 'harus bertipe integer' },
        { path: 'indicators[2].name', message: 'is required', pesan: 'wajib diisi' },
      ]),
    );
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await api
      .http()
      .post('/bundles')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send('{"format":')
      .expect(400);
    expect(response.body.code).toBe('INVALID_JSON');
  });

  it('needs a key (401), a writing role (403) and, for planners, the organisation in scope (403)', async () => {
    await api.http().post('/bundles').send(bundle()).expect(401);
    const viewer = await api.key('viewer');
    expect(
      (await api.http().post('/bundles').set('Authorization', `Bearer ${viewer}`).send(bundle()).expect(403))
        .body.code,
    ).toBe('FORBIDDEN_FOR_ROLE');
    const otherPlanner = await api.key('planner', ['dinsos-tegal']);
    expect(
      (
        await api
          .http()
          .post('/bundles')
          .set('Authorization', `Bearer ${otherPlanner}`)
          .send(bundle())
          .expect(403)
      ).body.code,
    ).toBe('ORGANISATION_NOT_IN_SCOPE');
    const planner = await api.key('planner', ['dinsos-karanganyar']);
    await api.http().post('/bundles').set('Authorization', `Bearer ${planner}`).send(bundle()).expect(200);
  });
});
