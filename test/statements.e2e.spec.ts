import { readFileSync } from 'node:fs';
import { startTestApi, type TestApi } from '@sakip/api/testing';
import { FIXTURE } from './support/cli';

const ORG = 'dinsos-karanganyar';

interface Statement {
  document: { id: string };
  source: { table: string | null; page: string | null; row: string | null };
  primary: boolean;
  value: { raw: unknown };
}
interface Group {
  field: string;
  period: string | null;
  conflict: boolean;
  statements: Statement[];
}

/** Bundle format 2 through the HTTP API: every statement a document makes is kept and shown with its source. */
describe('statements of documents (HTTP API)', () => {
  let api: TestApi;
  let admin: string;
  let lastWrite = '0:0';
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const get = (path: string) =>
    api
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${lastWrite}`)
      .set('Authorization', `Bearer ${admin}`);
  const importBundle = async (bundle: object) => {
    const response = await api.http().post('/bundles').set('Authorization', `Bearer ${admin}`).send(bundle);
    expect(response.status).toBe(200);
    lastWrite = response.body.position;
    return response.body;
  };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.key('admin');
    await importBundle(fixture);
  }, 60_000);
  afterAll(() => api.close());

  it('reads back every statement of the fixture with its value, raw text and source', async () => {
    type FixtureIndicator = {
      id: string;
      statements?: {
        field: string;
        year?: number;
        value: unknown;
        source?: { table?: string; row?: number };
      }[];
    };
    const withStatements = (fixture.indicators as FixtureIndicator[]).filter((i) => i.statements);
    expect(withStatements.length).toBeGreaterThan(10);
    for (const indicator of withStatements) {
      const response = await get(`/indicators/${ORG}:${encodeURIComponent(indicator.id)}`).expect(200);
      const groups = response.body.statements as Group[];
      for (const statement of indicator.statements!) {
        const group = groups.find(
          (g) =>
            g.field === statement.field &&
            g.period === (statement.year === undefined ? null : String(statement.year)),
        );
        expect({
          indicator: indicator.id,
          statement,
          found: group?.statements.some(
            (s) =>
              !s.primary &&
              s.value.raw === statement.value &&
              s.source.table === (statement.source?.table ?? null) &&
              s.source.row === (statement.source?.row === undefined ? null : String(statement.source.row)),
          ),
        }).toEqual({ indicator: indicator.id, statement, found: true });
      }
    }
  });

  it('marks a unit printed "%" in Tabel 6.1 and "Nilai" in Tabel 7.1 as a conflict', async () => {
    const response = await get(`/indicators/${ORG}:S1-I1`).expect(200);
    const unit = (response.body.statements as Group[]).find((g) => g.field === 'unit')!;
    expect(unit.conflict).toBe(true);
    expect(unit.statements.map((s) => [s.value.raw, s.source.table, s.primary])).toEqual([
      ['%', 'Tabel 6.1', true],
      ['Nilai', 'Tabel 7.1', false],
    ]);
    const target2025 = (response.body.statements as Group[]).find(
      (g) => g.field === 'target' && g.period === '2025',
    )!;
    expect(target2025.conflict).toBe(false);
    expect(target2025.statements).toHaveLength(2);
  });

  it('keeps both PK targets of an LKjIP whose agreement table and prose disagree, each with its source', async () => {
    const lkjip = {
      format: 'sakip-bundle/2',
      organisation: { id: ORG, name: 'Dinas Sosial Kabupaten Karanganyar' },
      document: { kind: 'lkjip', title: 'LKjIP Dinas Sosial 2024', period: { start: 2024, end: 2024 } },
      agreements: [
        {
          indicator: 'S2-I1',
          year: 2024,
          target: '275',
          signedOn: '2024-02-01',
          source: { table: 'Tabel 2.3', page: 14 },
        },
        { indicator: 'S2-I1', year: 2024, target: '250', source: { table: 'BAB II uraian', page: 16 } },
      ],
      realisations: [
        {
          indicator: 'S2-I1',
          period: '2024',
          value: '29,00',
          target: '30,00',
          reportedAchievement: '96,67',
          source: { table: 'Tabel 3.1' },
        },
        { indicator: 'S2-I1', period: '2024', value: '30,00', source: { table: 'Tabel 3.4' } },
      ],
    };
    const summary = await importBundle(lkjip);
    expect(summary.inBundle).toMatchObject({ agreements: 2, realisations: 2, statements: 2 });
    expect(summary.stored).toMatchObject({
      agreements: 1,
      realisations: 1,
      statements: 2,
      targetRevisions: 0,
    });
    const response = await get(`/indicators/${ORG}:S2-I1`).expect(200);
    const groups = response.body.statements as Group[];
    const pk = groups.find((g) => g.field === 'agreement' && g.period === '2024')!;
    expect(pk.conflict).toBe(true);
    expect(pk.statements.map((s) => [s.value.raw, s.source.table, s.source.page])).toEqual([
      ['275', 'Tabel 2.3', '14'],
      ['250', 'BAB II uraian', '16'],
    ]);
    const realisation = groups.find((g) => g.field === 'realisation' && g.period === '2024')!;
    expect(realisation.conflict).toBe(true);
    expect(realisation.statements.map((s) => s.source.table)).toEqual(['Tabel 3.1', 'Tabel 3.4']);
    // The first row is the report's realisation; the second is a statement, not a correction.
    const period = (
      response.body.periods as {
        period: string;
        realisation: { raw: unknown };
        realisationCorrected: boolean;
      }[]
    ).find((p) => p.period === '2024')!;
    expect(period.realisation.raw).toBe('29,00');
    expect(period.realisationCorrected).toBe(false);
    // History keeps revisions and statements apart: no revision was recorded.
    const history = await get(`/indicators/${ORG}:S2-I1/history`).expect(200);
    expect(history.body.statements.some((g: Group) => g.field === 'agreement' && g.conflict)).toBe(true);
    expect(
      history.body.chains
        .flatMap((c: { entries: { eventType: string }[] }) => c.entries)
        .some(
          (e: { eventType: string }) =>
            e.eventType === 'TargetRevised' || e.eventType === 'RealisationCorrected',
        ),
    ).toBe(false);
  });

  it('imports the review tables of an earlier period (BAB II) as history, and regional goals as reference', async () => {
    const organisation = await get(`/organisations/${ORG}`).expect(200);
    const renstra = organisation.body.documents.find((d: { kind: string }) => d.kind === 'renstra');
    const tree = await get(
      `/organisations/${ORG}/documents/${encodeURIComponent(renstra.documentId)}/tree`,
    ).expect(200);
    const all: {
      nodeId: string;
      role: string;
      indicators: { indicatorId: string; role: string }[];
      children: unknown[];
    }[] = [];
    const walk = (nodes: typeof all) => nodes.forEach((n) => (all.push(n), walk(n.children as typeof all)));
    walk(tree.body.tree);
    const indicators = all.flatMap((n) => n.indicators);
    expect(
      indicators
        .filter((i) => i.role === 'history')
        .map((i) => i.indicatorId)
        .sort(),
    ).toEqual(['S2-H1', 'S2-H2', 'S2-H3']);
    expect(all.filter((n) => n.role === 'reference').map((n) => n.nodeId)).toContain('RPD-T1');
    expect(all.find((n) => n.nodeId === 'S1')?.role).toBe('plan');
  });
});
