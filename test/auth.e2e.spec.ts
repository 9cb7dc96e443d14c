import { openApiDocument, startTestApi, type TestApi } from '@sakip/api/testing';
import { FIXTURE } from './support/cli';
import { readFileSync } from 'node:fs';

const ORG = 'dinsos-karanganyar';
const OTHER = 'dinkes-karanganyar';

/** A valid request for every write route, so that a 403 can only come from who is asking. */
const WRITES: Record<string, { path: string; body: () => object; allowed?: string[] }> = {
  'POST /bundles': { path: '/bundles', body: () => JSON.parse(readFileSync(FIXTURE, 'utf8')) },
  'POST /indicators/{ref}/target-revisions': {
    path: `/indicators/${ORG}:S1-I1/target-revisions`,
    body: () => ({
      expectedVersion: 0,
      year: 2025,
      value: '85',
      reason: 'uji',
      legalBasis: 'Perbup 1/2025',
      effectiveOn: '2025-01-01',
    }),
  },
  'POST /indicators/{ref}/agreement-targets': {
    path: `/indicators/${ORG}:S1-I1/agreement-targets`,
    body: () => ({ expectedVersion: 0, year: 2025, value: '85' }),
  },
  'POST /indicators/{ref}/realisations': {
    path: `/indicators/${ORG}:S1-I1/realisations`,
    body: () => ({ expectedVersion: 0, period: '2025', value: '80' }),
  },
  'POST /indicators/{ref}/realisation-corrections': {
    path: `/indicators/${ORG}:S1-I1/realisation-corrections`,
    body: () => ({ expectedVersion: 0, period: '2025', value: '80', reason: 'uji' }),
  },
  'POST /organisations/{org}/submissions': {
    path: `/organisations/${ORG}/submissions`,
    body: () => ({ kind: 'lkjip', year: 2025, submittedOn: '2026-02-27' }),
  },
  'POST /keys': { path: '/keys', body: () => ({ role: 'viewer', label: 'uji' }) },
  'DELETE /keys/{keyId}': { path: '/keys/000000000000', body: () => ({}) },
  'POST /evaluations': { path: '/evaluations', body: () => ({ year: 2025 }), allowed: ['inspector'] },
  'POST /rules': { path: '/rules', body: () => ({}) },
  'POST /rules/validate': { path: '/rules/validate', body: () => ({}) },
  'POST /rules/dry-run': { path: '/rules/dry-run', body: () => ({ rule: {}, year: 2025 }) },
  'DELETE /rules/{area}/{name}': { path: '/rules/smart/none', body: () => ({}) },
  // A review stores nothing: every signed-in role may ask for one.
  'POST /reviews': { path: '/reviews', body: () => ({}), allowed: ['viewer', 'inspector', 'planner'] },
};
/** Routes a planner may use, for the organisations in its scope. */
const PLANNER_ROUTES = Object.keys(WRITES).filter((route) => /bundles|indicators|organisations/.test(route));
/** Routes only administrators (and, where listed, other roles) may use. */
const ADMIN_ROUTES = Object.keys(WRITES).filter(
  (route) => !PLANNER_ROUTES.includes(route) && !WRITES[route]!.allowed?.includes('planner'),
);

describe('who may do what (HTTP API)', () => {
  let api: TestApi;
  const keys: Record<string, string> = {};

  const send = (route: string, key?: string) => {
    const [method] = route.split(' ');
    const { path, body } = WRITES[route]!;
    const request = method === 'DELETE' ? api.http().delete(path) : api.http().post(path).send(body());
    return key ? request.set('Authorization', `Bearer ${key}`) : request;
  };

  beforeAll(async () => {
    api = await startTestApi();
    keys['viewer'] = await api.key('viewer');
    keys['inspector'] = await api.key('inspector');
    keys['planner of another organisation'] = await api.key('planner', [OTHER]);
  });
  afterAll(() => api.close());

  it('knows every write route of the API', () => {
    const document = openApiDocument(api.app);
    const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, '{$1}')}`),
    );
    expect(writes.sort()).toEqual(Object.keys(WRITES).sort());
  });

  it.each(Object.keys(WRITES))('%s without a key (or with a wrong one) is 401', async (route) => {
    const missing = await send(route).expect(401);
    expect(missing.body.code).toBe('UNAUTHENTICATED');
    await send(route, 'sakip_000000000000_' + 'x'.repeat(43)).expect(401);
  });

  it.each(
    Object.keys(WRITES).flatMap((route) =>
      ['viewer', 'inspector']
        .filter((role) => !WRITES[route]!.allowed?.includes(role))
        .map((role) => [route, role]),
    ),
  )('%s as %s is 403', async (route, role) => {
    const response = await send(route, keys[role]).expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN_FOR_ROLE', role });
  });

  it.each(PLANNER_ROUTES)('%s by a planner of another organisation is 403', async (route) => {
    const response = await send(route, keys['planner of another organisation']).expect(403);
    expect(response.body).toMatchObject({ code: 'ORGANISATION_NOT_IN_SCOPE', organisationId: ORG });
  });

  it.each(ADMIN_ROUTES)('%s by a planner is 403', async (route) => {
    const planner = await api.key('planner', [ORG]);
    await send(route, planner).expect(403);
  });

  it('lets an admin issue a scoped planner key that then works, and revoke it', async () => {
    const admin = await api.key('admin');
    const issued = await api
      .http()
      .post('/keys')
      .set('Authorization', `Bearer ${admin}`)
      .send({ role: 'planner', organisations: [ORG], label: 'Perencana Dinsos' })
      .expect(201);
    expect(issued.body.token).toMatch(/^sakip_[0-9a-f]{12}_[\w-]{43}$/);
    await api
      .http()
      .post('/bundles')
      .set('Authorization', `Bearer ${issued.body.token}`)
      .send(JSON.parse(readFileSync(FIXTURE, 'utf8')))
      .expect(200);
    const listed = await api.http().get('/keys').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token.slice(20));
    await api.http().delete(`/keys/${issued.body.keyId}`).set('Authorization', `Bearer ${admin}`).expect(200);
    await api.http().get('/organisations').set('Authorization', `Bearer ${issued.body.token}`).expect(401);
  });

  it('lets every role read', async () => {
    for (const key of Object.values(keys))
      await api.http().get('/organisations').set('Authorization', `Bearer ${key}`).expect(200);
    await api.http().get('/organisations').expect(401);
  });
});
