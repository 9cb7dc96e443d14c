import { ikuWithoutFormulaRule } from './support/rules';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from '@sakip/api/testing';
import { FIXTURE, sakip } from './support/cli';

const ORG = 'dinsos-karanganyar';

const draftRule = () => ikuWithoutFormulaRule();

async function workbookRows(
  buffer: Buffer | ArrayBuffer,
  name = 'Rincian',
): Promise<{ headers: string[]; rows: Record<string, string>[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as ArrayBuffer);
  const sheet = workbook.getWorksheet(name)!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      Object.fromEntries(
        headers.map((h, i) => [
          h,
          values[i] === undefined || values[i] === null ? '' : String(values[i] as string),
        ]),
      ),
    );
  });
  return { headers, rows };
}

describe('evaluations and rule authoring (HTTP API)', () => {
  let api: TestApi;
  let admin: string;
  let inspector: string;
  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.key('admin');
    inspector = await api.key('inspector');
    await api
      .http()
      .post('/bundles')
      .set(auth(admin))
      .send(JSON.parse(readFileSync(FIXTURE, 'utf8')))
      .expect(200);
  });
  afterAll(() => api.close());

  /** Polls GET /evaluations/:id until the batch is no longer running. */
  const finished = async (batchId: string) => {
    for (;;) {
      const polled = await api.http().get(`/evaluations/${batchId}`).set(auth(inspector)).expect(200);
      if (polled.body.status !== 'running') {
        expect(polled.body).toMatchObject({ status: 'done' });
        expect(polled.body.progress.done).toBe(polled.body.progress.total);
        return polled.body.batch;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('runs a batch, stores it with its position and rule-set version, and serves the findings', async () => {
    // Given no rule set published yet, GET /rules says so (not an empty 200)
    const none = await api.http().get('/rules').set(auth(inspector)).expect(200);
    expect(none.body).toMatchObject({ version: null, rules: [], history: [] });
    expect(none.body.messages.id).toContain('Belum ada set aturan');

    const started = await api
      .http()
      .post('/evaluations')
      .set(auth(inspector))
      .send({ year: 2025, now: '2026-11-24' })
      .expect(202);
    expect(started.body).toMatchObject({ status: 'running', batchId: expect.any(String) });
    const batch = await finished(started.body.batchId);
    expect(batch).toMatchObject({
      year: 2025,
      now: '2026-11-24',
      ruleSet: { version: 1 },
      organisations: null,
    });
    expect(batch.asOf).toMatch(/^\d+:\d+$/);
    expect(batch.findingCount).toBeGreaterThan(50);

    const stored = await api.http().get(`/evaluations/${batch.batchId}`).set(auth(inspector)).expect(200);
    expect(stored.body.batch.summary.organisations[0]).toMatchObject({
      organisationId: ORG,
      lke: { grade: expect.any(String) },
    });

    const jumps = await api
      .http()
      .get(`/evaluations/${batch.batchId}/findings?rule=smart/implausible-target-jump`)
      .set(auth(inspector))
      .expect(200);
    expect(jumps.body.findings.map((f: { subject: { nodeName: string } }) => f.subject.nodeName)).toContain(
      'Fasilitasi Bantuan Sosial Kesejahteraan Keluarga',
    );

    const high = await api
      .http()
      .get(`/evaluations/${batch.batchId}/findings?severity=high&limit=5`)
      .set(auth(inspector))
      .expect(200);
    expect(high.body.findings).toHaveLength(5);
    expect(high.body.total).toBeGreaterThan(5);
    expect(high.body.findings.every((f: { severity: string }) => f.severity === 'high')).toBe(true);

    const csv = await api
      .http()
      .get(`/evaluations/${batch.batchId}/findings?format=csv&category=cascading`)
      .set(auth(inspector))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('ID PD,ID dokumen,ID node,Kode');
    expect(csv.text).toContain('1.06.04.2.02.02');

    const xlsx = await api
      .http()
      .get(`/evaluations/${batch.batchId}/findings?format=xlsx`)
      .set(auth(inspector))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const { rows } = await workbookRows(xlsx.body as Buffer);
    expect(rows).toHaveLength(batch.findingCount);
    expect(
      rows.some(
        (r) =>
          r['Aturan'] === 'smart/zero-target-every-plan-year' &&
          r['Indikator'] === 'Indeks Reformasi Birokrasi',
      ),
    ).toBe(true);

    await api.http().get('/evaluations/nope').set(auth(inspector)).expect(404);
    await api
      .http()
      .post('/evaluations')
      .set(auth(await api.key('viewer')))
      .send({ year: 2025 })
      .expect(403);
  });

  it('lets an administrator validate, dry-run, publish and retire a rule with no code change', async () => {
    const bad = { ...draftRule(), scope: 'node' };
    const validation = await api.http().post('/rules/validate').set(auth(admin)).send(bad).expect(200);
    expect(validation.body.valid).toBe(false);
    expect(validation.body.problems).toEqual(
      expect.arrayContaining([
        { path: 'conditions.all[0].fact', message: '"iku" is not a fact of scope "node"' },
      ]),
    );

    const wrongExample = {
      ...draftRule(),
      examples: {
        fires: [{ iku: false, hasFormula: false }],
        doesNotFire: [{ iku: true, hasFormula: true }],
      },
    };
    const check = await api.http().post('/rules/validate').set(auth(admin)).send(wrongExample).expect(200);
    expect(check.body).toMatchObject({
      valid: false,
      problems: [],
      failedExamples: [{ kind: 'fires', index: 0, fired: false }],
    });
    const refused = await api.http().post('/rules').set(auth(admin)).send(wrongExample).expect(422);
    expect(refused.body.code).toBe('RULE_NOT_PUBLISHABLE');

    const dryRun = await api
      .http()
      .post('/rules/dry-run')
      .set(auth(admin))
      .send({ rule: draftRule(), year: 2025, now: '2026-11-24' })
      .expect(200);
    expect(dryRun.body.check.valid).toBe(true);
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
      indicators: { iku?: boolean; formula?: string }[];
    };
    expect(dryRun.body.total).toBe(fixture.indicators.filter((i) => i.iku && !i.formula).length);

    await api.http().post('/rules').set(auth(inspector)).send(draftRule()).expect(403);
    const published = await api.http().post('/rules').set(auth(admin)).send(draftRule()).expect(201);
    expect(published.body.events).toEqual([expect.objectContaining({ type: 'RuleSetPublished' })]);
    const current = await api.http().get('/rules').set(auth(inspector)).expect(200);
    expect(current.body.version).toBe(2);
    expect(current.body.rules.map((r: { id: string }) => r.id)).toContain('smart/iku-without-formula');

    const run = await api
      .http()
      .post('/evaluations')
      .set(auth(inspector))
      .send({ year: 2025, now: '2026-11-24' })
      .expect(202);
    expect((await finished(run.body.batchId)).ruleSet.version).toBe(2);

    await api.http().delete('/rules/smart/iku-without-formula').set(auth(admin)).expect(200);
    const after = await api.http().get('/rules').set(auth(inspector)).expect(200);
    expect(after.body.version).toBe(3);
    expect(after.body.rules.map((r: { id: string }) => r.id)).not.toContain('smart/iku-without-formula');
    // The batch that used version 2 keeps it.
    const kept = await api.http().get(`/evaluations/${run.body.batchId}`).set(auth(inspector)).expect(200);
    expect(kept.body.batch.ruleSet.version).toBe(2);
  }, 30_000);
});

describe('sakip evaluate (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sakip-evaluate-'));
  const env = { SAKIP_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a findings workbook with the findings an inspector expects on the Karanganyar Renstra', async () => {
    expect((await sakip(['import', FIXTURE], env)).code).toBe(0);
    const out = join(dir, 'temuan.xlsx');
    const run = await sakip(
      ['evaluate', '--year', '2025', '--now', '2026-11-24', '--format', 'xlsx', '--out', out],
      env,
    );
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Evaluation [0-9a-f-]{36}: 1 organisations, \d+ findings/);
    const { headers, rows } = await workbookRows(readFileSync(out));
    expect(headers.slice(0, 4)).toEqual(['ID PD', 'ID dokumen', 'ID node', 'Kode']);
    const has = (rule: string, where: (r: Record<string, string>) => boolean) =>
      rows.some((r) => r['Aturan'] === rule && where(r));
    expect(
      has('smart/indicator-without-formula', (r) => (r['Bukti'] ?? '').includes('nodeLevel: subkegiatan')),
    ).toBe(true);
    expect(
      has(
        'smart/implausible-target-jump',
        (r) => r['Node'] === 'Fasilitasi Bantuan Sosial Kesejahteraan Keluarga',
      ),
    ).toBe(true);
    expect(
      has('smart/zero-target-every-plan-year', (r) => r['Indikator'] === 'Indeks Reformasi Birokrasi'),
    ).toBe(true);
    expect(
      rows
        .filter((r) => r['Aturan'] === 'cascading/code-not-under-parent')
        .map((r) => r['Kode'])
        .sort(),
    ).toEqual(['1.06.04.2.02.02', '1.06.04.2.03.04']);
    // The sheet an inspector reads first: a rule's findings in one document are one row with the count.
    const grouped = await workbookRows(readFileSync(out), 'Temuan');
    const formulas = grouped.rows.find((r) => r['Aturan'] === 'smart/indicator-without-formula');
    expect(formulas?.['Jumlah']).toBe('39');
    expect(formulas?.['Kelas cacat']).toBe('indicator-undefined');

    const csv = await sakip(
      ['evaluate', '--year', '2025', '--now', '2026-11-24', '--format', 'csv', '--org', ORG],
      env,
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toContain('ID PD,ID dokumen,ID node,Kode');
    expect(csv.stderr).toMatch(/Evaluation .*rule set version 1/);

    const rules = await sakip(['rules', 'test'], env);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toMatch(/\d+ rules, 0 failing/);
    const badFile = join(dir, 'bad.rule.json');
    writeFileSync(
      badFile,
      JSON.stringify({
        ...draftRule(),
        conditions: { all: [{ fact: 'ikuu', operator: 'equal', value: true }] },
      }),
    );
    const invalid = await sakip(['rules', 'validate', badFile], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(
      'conditions.all[0].fact: "ikuu" is not a fact of scope "indicator" (did you mean iku',
    );
  }, 120_000);
});
