import { readFileSync } from 'node:fs';
import { startTestApi, type TestApi } from '@sakip/api/testing';
import { FIXTURE } from './support/cli';

const ORG = 'dinsos-karanganyar';
const REF = `${ORG}:S1-I1`;

/**
 * The planner's story through the HTTP API: import the Renstra, revise a target, report a realisation,
 * then read the per-period table with computed achievement and the explained history.
 */
describe('planner commands and "why did this target change" (HTTP API)', () => {
  let api: TestApi;
  let admin: string;
  let planner: string;
  let documentId: string;
  let importedAt: string;

  /** The position of the last write: reads wait for it (read-your-writes). */
  let lastWrite = '0:0';
  const get = (path: string, key = admin) =>
    api
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${lastWrite}`)
      .set('Authorization', `Bearer ${key}`);
  const post = (path: string, body: object, key = admin) =>
    api
      .http()
      .post(path)
      .set('Authorization', `Bearer ${key}`)
      .send(body)
      .expect((response) => {
        if (typeof response.body?.position === 'string') lastWrite = response.body.position;
      });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.key('admin');
    planner = await api.key('planner', [ORG]);
    const imported = await post('/bundles', JSON.parse(readFileSync(FIXTURE, 'utf8'))).expect(200);
    documentId = imported.body.documentId;
    importedAt = new Date().toISOString().slice(0, 10);
  });
  afterAll(() => api.close());

  it('lists organisations, documents and the document tree', async () => {
    const organisations = await get('/organisations').expect(200);
    expect(organisations.body).toEqual([
      expect.objectContaining({ organisationId: ORG, name: 'Dinas Sosial Kabupaten Karanganyar' }),
    ]);
    const organisation = await get(`/organisations/${ORG}`).expect(200);
    expect(organisation.body.documents).toEqual([
      expect.objectContaining({ documentId, kind: 'renstra', period: { start: 2024, end: 2026 } }),
    ]);
    const tree = await get(`/organisations/${ORG}/documents/${encodeURIComponent(documentId)}/tree`).expect(
      200,
    );
    // Two tujuan of the plan and the regional (RPD) tujuan it cites for alignment.
    expect(tree.body.tree.map((n: { level: string; role: string }) => `${n.level} ${n.role}`).sort()).toEqual(
      ['tujuan plan', 'tujuan plan', 'tujuan reference'],
    );
    const count = (nodes: { level: string; children: unknown[] }[], level: string): number =>
      nodes.reduce(
        (n, node) => n + (node.level === level ? 1 : 0) + count(node.children as typeof nodes, level),
        0,
      );
    expect(count(tree.body.tree, 'subkegiatan')).toBe(39);
    await get(`/organisations/nope/documents/${encodeURIComponent(documentId)}/tree`).expect(404);
  });

  it('shows the indicator with every period, raw and interpreted', async () => {
    const detail = await get(`/indicators/${REF}`).expect(200);
    expect(detail.body.indicator).toMatchObject({ indicatorId: 'S1-I1', name: 'Nilai SAKIP', unit: '%' });
    expect(detail.body.periods.find((p: { period: string }) => p.period === '2025')).toMatchObject({
      target: { raw: '82', kind: 'number', value: 82 },
      targetRevised: false,
      realisation: null,
    });
  });

  it('revises a target, reports a realisation and computes achievement', async () => {
    const before = await get(`/indicators/${REF}`).expect(200);
    const version: number = before.body.indicator.version;
    const revision = {
      expectedVersion: version,
      year: 2025,
      value: '82,5',
      reason: 'Penyesuaian target setelah evaluasi SAKIP 2024',
      legalBasis: 'Peraturan Bupati Karanganyar Nomor 40 Tahun 2025',
      effectiveOn: '2025-07-01',
    };
    const revised = await post(`/indicators/${REF}/target-revisions`, revision, planner).expect(201);
    expect(revised.body).toMatchObject({ version: version + 1, changed: true, replayed: false });
    expect(revised.body.events).toEqual([expect.objectContaining({ type: 'TargetRevised' })]);

    const stale = await post(
      `/indicators/${REF}/target-revisions`,
      { ...revision, value: '90' },
      planner,
    ).expect(409);
    expect(stale.body).toMatchObject({
      code: 'STALE_VERSION',
      currentVersion: version + 1,
      expectedVersion: version,
    });

    await post(
      `/indicators/${REF}/realisations`,
      {
        expectedVersion: version + 1,
        period: '2025',
        value: '80,1',
        reportedAchievement: '97,09 %',
        reportedOn: '2026-01-20',
      },
      planner,
    ).expect(201);

    const detail = await get(`/indicators/${REF}`).expect(200);
    expect(detail.body.indicator.version).toBe(version + 2);
    expect(detail.body.periods.find((p: { period: string }) => p.period === '2025')).toMatchObject({
      target: { raw: '82,5', value: 82.5 },
      targetRevised: true,
      realisation: { raw: '80,1', value: 80.1 },
      reportedAchievement: { raw: '97,09 %', value: 97.09 },
      computedAchievement: {
        percent: expect.closeTo(97.09, 2),
        category: { id: 'Sangat Tinggi', en: 'Very high' },
        against: 'target',
      },
    });
  });

  it('explains the history: who, when, why, on what basis, from which document', async () => {
    const history = await get(`/indicators/${REF}/history`).expect(200);
    const target2025 = history.body.chains.find(
      (c: { kind: string; period: string }) => c.kind === 'target' && c.period === '2025',
    );
    expect(target2025.current).toMatchObject({ raw: '82,5' });
    expect(target2025.entries).toHaveLength(2);
    const [set, revised] = target2025.entries;
    expect(set).toMatchObject({
      eventType: 'TargetSet',
      from: null,
      to: { raw: '82' },
      legalBasis: 'Peraturan Bupati Karanganyar Nomor 16 Tahun 2023',
      document: { id: documentId, kind: 'renstra' },
      source: { table: 'Tabel 6.1', row: '4' },
    });
    expect(revised).toMatchObject({
      eventType: 'TargetRevised',
      from: { raw: '82' },
      to: { raw: '82,5' },
      reason: 'Penyesuaian target setelah evaluasi SAKIP 2024',
      legalBasis: 'Peraturan Bupati Karanganyar Nomor 40 Tahun 2025',
      effectiveOn: '2025-07-01',
      actor: { kind: 'api-key', role: 'planner', name: 'test planner' },
    });
  });

  it('answers as of a past date by what was in force then', async () => {
    const asOf = await get(`/indicators/${REF}?asOf=2025-06-30&basis=effective`).expect(200);
    expect(asOf.body.asOf).toEqual({ date: '2025-06-30', basis: 'effective' });
    const period = asOf.body.periods.find((p: { period: string }) => p.period === '2025');
    expect(period).toMatchObject({ target: { raw: '82' }, targetRevised: false, realisation: null });
    const recordedYesterday = await get(`/indicators/${REF}/history?asOf=2000-01-01`).expect(200);
    expect(recordedYesterday.body.chains).toEqual([]);
    const recordedToday = await get(`/indicators/${REF}?asOf=${importedAt}`).expect(200);
    expect(recordedToday.body.periods.find((p: { period: string }) => p.period === '2025')).toMatchObject({
      target: { raw: '82,5' },
    });
  });

  it('returns the first result for a retried command with the same Idempotency-Key', async () => {
    const current = (await get(`/indicators/${REF}`).expect(200)).body.indicator.version as number;
    const body = { expectedVersion: current, year: 2026, value: '84', signedOn: '2026-01-10' };
    const first = await post(`/indicators/${REF}/agreement-targets`, body)
      .set('Idempotency-Key', 'pk-2026')
      .expect(201);
    const retry = await post(`/indicators/${REF}/agreement-targets`, body)
      .set('Idempotency-Key', 'pk-2026')
      .expect(201);
    expect(retry.body).toMatchObject({
      version: first.body.version,
      position: first.body.position,
      replayed: true,
    });
    expect(retry.body.events).toEqual(first.body.events);
    const reused = await post(`/indicators/${REF}/agreement-targets`, { ...body, value: '85' })
      .set('Idempotency-Key', 'pk-2026')
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('corrects a realisation only with a reason, and records submissions', async () => {
    const current = (await get(`/indicators/${REF}`).expect(200)).body.indicator.version as number;
    const missing = await post(`/indicators/${REF}/realisation-corrections`, {
      expectedVersion: current,
      period: '2025',
      value: '81',
    }).expect(400);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'reason' })]),
    );
    await post(`/indicators/${REF}/realisation-corrections`, {
      expectedVersion: current,
      period: '2025',
      value: '81',
      reason: 'Salah ketik pada LKjIP',
    }).expect(201);

    await post(
      `/organisations/${ORG}/submissions`,
      { kind: 'lkjip', year: 2025, submittedOn: '2026-02-27' },
      planner,
    ).expect(201);
    const submissions = await get(`/organisations/${ORG}/submissions`).expect(200);
    expect(submissions.body).toEqual([
      expect.objectContaining({ kind: 'lkjip', year: 2025, submittedOn: '2026-02-27' }),
    ]);
  });

  it('rejects bad input with every problem, and unknown indicators with 404', async () => {
    const bad = await post(`/indicators/${REF}/realisations`, {
      expectedVersion: -1,
      period: '2025-13',
      value: {},
    }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'expectedVersion',
      'period',
      'value',
    ]);
    await get(`/indicators/${ORG}:NOPE`).expect(404);
    const unknown = await post(`/indicators/${ORG}:NOPE/realisations`, {
      expectedVersion: 0,
      period: '2025',
      value: '1',
    }).expect(404);
    expect(unknown.body.code).toBe('UNKNOWN_INDICATOR');
  });

  it('waits for the read models and answers 503 when they do not get there', async () => {
    const far = await api
      .http()
      .get('/organisations?waitFor=999999999:0')
      .set('Authorization', `Bearer ${admin}`)
      .expect(503);
    expect(far.body.code).toBe('READ_MODELS_BEHIND');
  }, 20_000);
});
