import { START, type SqlEventStore, type StoredEvent } from '@sakip/event-store';
import { describeEachStore } from '@sakip/event-store/testing';
import { asNewOrganisation, importContext, loadFixture } from '../testing/fixtures';
import type { Bundle } from './bundle';
import { BundleImporter, documentIdOf } from './bundle-import';

describeEachStore('importing a bundle', (current) => {
  // One store for the file; every test imports as an organisation of its own.
  let store: SqlEventStore;
  let importer: BundleImporter;
  let bundle: Bundle;
  beforeEach(() => {
    store = current().store;
    importer = new BundleImporter(store);
    bundle = asNewOrganisation(loadFixture());
  });

  const allEvents = () => store.readAll({ after: START, partitionKey: bundle.organisation.id });

  it('stores the Karanganyar Renstra with counts equal to the file', async () => {
    const outcome = await importer.import(bundle, importContext());
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const { inBundle, stored } = outcome.summary;
    expect(inBundle).toEqual({
      nodes: { tujuan: 3, sasaran: 7, program: 6, kegiatan: 13, subkegiatan: 39 },
      indicators: 76,
      baselines: 14,
      targets: 215,
      budgets: 243,
      agreements: 0,
      realisations: 30,
      submissions: 0,
      // 111 further statements of indicator values (Tabel 7.x, 4.3, 2.10) + 64 budget totals
      statements: 175,
      historyItems: 3,
      referenceItems: 12,
      budgetTotals: 64,
      budgetRealisations: 0,
    });
    const { historyItems: _h, referenceItems: _r, ...storable } = inBundle;
    // nodes, indicators, baselines, targets, budgets, realisations, indicator statements, organisation, document
    const events = 68 + 76 + 14 + 215 + 243 + 30 + 111 + 2;
    expect(stored).toEqual({ ...storable, targetRevisions: 0, events });
    expect(outcome.summary.nothingNew).toBe(false);
    expect((await allEvents()).length).toBe(stored.events);
  });

  it('keeps every value of the bundle, raw text included, readable from the events', async () => {
    await importer.import(bundle, importContext());
    expect(rebuildBundle(await allEvents())).toEqual(normalise(bundle));
  });

  it('records who imported each fact, when, and where in the document it came from', async () => {
    await importer.import(bundle, importContext('2026-02-01T09:30:00.000Z'));
    const target = (await allEvents()).find(
      (e) => e.type === 'TargetSet' && (e.data as { indicatorId: string }).indicatorId === 'S1-I1',
    );
    expect(target?.metadata).toEqual({
      actor: { id: 'test-user', kind: 'cli', name: 'Test' },
      recordedAt: '2026-02-01T09:30:00.000Z',
      correlationId: 'test-correlation',
      provenance: { documentId: documentIdOf(bundle), table: 'Tabel 6.1', row: 4 },
    });
  });

  it('writes nothing new when the same bundle is imported again, and says so', async () => {
    await importer.import(bundle, importContext());
    const before = (await allEvents()).length;
    const again = await importer.import(bundle, importContext('2026-03-01T00:00:00.000Z'));
    if (!again.ok) throw new Error('rejected');
    expect(again.summary.nothingNew).toBe(true);
    expect(again.summary.stored.events).toBe(0);
    expect(again.summary.position).not.toBeNull();
    expect((await allEvents()).length).toBe(before);
  });

  it('records a target revision naming the later document whose target differs', async () => {
    await importer.import(bundle, importContext());
    const later = bundle;
    const changed = {
      ...later,
      document: {
        ...later.document,
        title: 'Perubahan Renstra Dinas Sosial Kabupaten Karanganyar 2024-2026',
        legalBasis: 'Peraturan Bupati Karanganyar Nomor 5 Tahun 2025',
        issuedOn: '2025-02-10',
      },
      indicators: later.indicators!.map((i) =>
        i.id === 'S1-I1' ? { ...i, targets: { ...i.targets, '2025': '84,5' } } : i,
      ),
    };
    const outcome = await importer.import(changed, importContext());
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.summary.stored.targetRevisions).toBe(1);
    const revision = (await allEvents()).find((e) => e.type === 'TargetRevised');
    expect(revision?.data).toEqual({
      organisationId: bundle.organisation.id,
      indicatorId: 'S1-I1',
      year: 2025,
      previous: '82',
      value: '84,5',
      reason: 'Target 2025 menurut dokumen "Perubahan Renstra Dinas Sosial Kabupaten Karanganyar 2024-2026"',
      origin: 'document',
      legalBasis: 'Peraturan Bupati Karanganyar Nomor 5 Tahun 2025',
      documentId: documentIdOf(changed),
      effectiveOn: '2025-02-10',
    });
  });

  it('rejects a malformed bundle with every problem as path: reason, writing nothing', async () => {
    const bad = structuredClone(bundle) as unknown as Record<string, any>;
    bad['nodes'][3].level = 'bidang';
    delete bad['nodes'][5].name;
    bad['indicators'][0].formul = 'x';
    bad['realisations'][0].period = '2020-Q5';
    bad['indicators'][1].targets['25'] = '1';
    bad['document'].issuedOn = '10-02-2025';
    const outcome = await importer.import(bad, importContext());
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => `${p.path}: ${p.en}`)).toEqual(
      expect.arrayContaining([
        'nodes[3].level: must be one of "tujuan", "sasaran", "program", "kegiatan", "subkegiatan"',
        'nodes[5].name: is required',
        'indicators[0].formul: is not a field of sakip-bundle/2 (check the spelling)',
        'realisations[0].period: must be a period: 2024, 2024-Q1…Q4, 2024-S1/S2 or 2024-01…12',
        'indicators[1].targets: target years must be written as four digits, e.g. "2025"',
        'document.issuedOn: must be a date written yyyy-mm-dd',
      ]),
    );
    expect(outcome.problems.every((p) => p.id.length > 0)).toBe(true);
    expect(await allEvents()).toEqual([]);
  });

  it('rejects references to nodes or indicators that exist nowhere, and duplicate ids, all at once', async () => {
    const bad = structuredClone(bundle) as unknown as Record<string, any>;
    bad['realisations'][2].indicator = 'NOPE-I9';
    bad['budgets'][0].node = 'X.99';
    bad['nodes'][7].id = bad['nodes'][6].id;
    let outcome = await importer.import(bad, importContext());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['nodes[7].id', 'budgets[0].node', 'realisations[2].indicator']),
      );
    bad['nodes'][7].id = '1.06.01.2.01.06';
    outcome = await importer.import(bad, importContext());
    if (outcome.ok) throw new Error('accepted');
    expect(outcome.problems.map((p) => p.path)).toEqual(['budgets[0].node', 'realisations[2].indicator']);
    expect(outcome.problems.map((p) => p.code)).toEqual(['UNKNOWN_REFERENCE', 'UNKNOWN_REFERENCE']);
    expect(await allEvents()).toEqual([]);
  });

  it('checks duplicates and references of a bundle that also breaks the schema', async () => {
    const bad = structuredClone(bundle) as unknown as Record<string, any>;
    bad['nodes'][3].level = 'bidang';
    bad['indicators'][1].id = bad['indicators'][0].id;
    bad['agreements'] = [{ year: 2024, indicator: 'NOPE-I1', target: '1' }];
    const problems = await importer.validate(bad);
    expect(problems.map((p) => p.path)).toEqual([
      'nodes[3].level',
      'indicators[1].id',
      'agreements[0].indicator',
    ]);
    expect(await importer.validate(bundle)).toEqual([]);
    expect(await allEvents()).toEqual([]);
  });

  it('refuses a cycle of parents (C1 → C2 → C1) instead of letting both vanish from the tree', async () => {
    const bad = structuredClone(bundle) as unknown as Record<string, any>;
    const nodes = bad['nodes'] as { id: string; parent?: string; level: string }[];
    const [first, second] = nodes.filter((n) => n.parent !== undefined);
    first!.parent = second!.id;
    second!.parent = first!.id;
    const outcome = await importer.import(bad, importContext());
    if (outcome.ok) throw new Error('accepted');
    expect(outcome.problems).toEqual([
      expect.objectContaining({
        path: `nodes[${nodes.indexOf(first!)}].parent`,
        en: `makes a cycle of parents (${first!.id} → ${second!.id} → ${first!.id}): a node cannot be its own ancestor`,
      }),
    ]);
    const own = structuredClone(bundle) as unknown as Record<string, any>;
    own['nodes'][3].parent = own['nodes'][3].id;
    const self = await importer.import(own, importContext());
    if (self.ok) throw new Error('accepted');
    expect(self.problems.map((p) => p.path)).toEqual(['nodes[3].parent']);
    // A chain of parents hundreds deep is no plan, and no tree could be shown.
    const chain = structuredClone(bundle) as unknown as Record<string, any>;
    chain['nodes'] = Array.from({ length: 300 }, (_, i) => ({
      id: `C${i}`,
      level: 'kegiatan',
      name: `Kegiatan ${i}`,
      ...(i > 0 ? { parent: `C${i - 1}` } : {}),
    }));
    chain['indicators'] = [];
    chain['budgets'] = [];
    chain['agreements'] = [];
    chain['realisations'] = [];
    const deep = await importer.import(chain, importContext());
    if (deep.ok) throw new Error('accepted');
    expect(deep.problems[0]).toMatchObject({
      path: 'nodes[17].parent',
      en: expect.stringContaining('more than 16 levels'),
    });
    expect(await allEvents()).toEqual([]);
  });

  it('accepts an LKjIP that reports on indicators imported from the Renstra', async () => {
    await importer.import(bundle, importContext());
    const lkjip: Bundle = {
      format: 'sakip-bundle/1',
      organisation: { id: bundle.organisation.id, name: 'Dinas Sosial Kabupaten Karanganyar' },
      document: {
        kind: 'lkjip',
        title: 'LKjIP Dinas Sosial 2024',
        period: { start: 2024, end: 2024 },
        issuedOn: '2025-02-20',
      },
      realisations: [{ indicator: 'S1-I1', period: '2024', value: '80,5', reportedAchievement: '99,38' }],
      submissions: [{ kind: 'lkjip', year: 2024, submittedOn: '2025-02-28' }],
    };
    const outcome = await importer.import(lkjip, importContext());
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.summary.stored).toMatchObject({ realisations: 1, submissions: 1, events: 3 });
  });

  it('is atomic: a failure in the middle of writing leaves nothing half-imported', async () => {
    const s = current().schemaPrefix;
    await store.database.exec(`
      CREATE FUNCTION ${s}.fail_on_realisation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'RealisationReported' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER crash BEFORE INSERT ON ${s}.events FOR EACH ROW EXECUTE FUNCTION ${s}.fail_on_realisation();`);
    try {
      await expect(importer.import(bundle, importContext())).rejects.toThrow('simulated crash');
      expect(await allEvents()).toEqual([]);
    } finally {
      await store.database.exec(
        `DROP TRIGGER crash ON ${s}.events; DROP FUNCTION ${s}.fail_on_realisation();`,
      );
    }
  });
});

/** Reassembles the bundle from nothing but the stored events. */
function rebuildBundle(events: readonly StoredEvent[]) {
  const data = (e: StoredEvent) => e.data as Record<string, any>;
  const source = (e: StoredEvent) => {
    const { documentId: _documentId, ...rest } = (e.metadata['provenance'] ?? {}) as Record<string, unknown>;
    return Object.keys(rest).length ? { source: rest } : {};
  };
  const of = (type: string) => events.filter((e) => e.type === type);
  const org = data(of('OrganisationRegistered')[0]!);
  const doc = data(of('DocumentRegistered')[0]!);
  const indicators = of('IndicatorDefined').map((e) => {
    const { organisationId: _o, documentId: _d, indicatorId, nodeId, ...rest } = data(e);
    const mine = (type: string) => of(type).filter((t) => data(t)['indicatorId'] === indicatorId);
    const statements = mine('IndicatorValueStated').map((t) => {
      const { organisationId: _so, documentId: _sd, indicatorId: _si, ...statement } = data(t);
      return statement;
    });
    const baseline = mine('BaselineSet')[0];
    const targets = Object.fromEntries(
      mine('TargetSet').map((t) => [String(data(t)['year']), data(t)['value']]),
    );
    return {
      id: indicatorId,
      node: nodeId,
      ...rest,
      ...(baseline ? { baseline: { year: data(baseline)['year'], value: data(baseline)['value'] } } : {}),
      ...(Object.keys(targets).length ? { targets } : {}),
      ...(statements.length ? { statements } : {}),
      ...source(e),
    };
  });
  const budgetStatement = (e: StoredEvent) => {
    const { organisationId: _o, documentId: _d, nodeId, kind, ...rest } = data(e);
    return { ...(nodeId ? { node: nodeId } : {}), ...(kind === 'pagu' ? {} : { kind }), ...rest };
  };
  return normalise({
    format: 'sakip-bundle/2',
    organisation: {
      id: org['organisationId'],
      name: org['name'],
      government: org['government'],
      province: org['province'],
    },
    document: {
      kind: doc['kind'],
      title: doc['title'],
      legalBasis: doc['legalBasis'],
      period: doc['period'],
    },
    nodes: of('NodeDefined').map((e) => {
      const { organisationId: _o, documentId: _d, nodeId, ...rest } = data(e);
      return { id: nodeId, ...rest, ...source(e) };
    }),
    indicators,
    budgets: [
      ...of('BudgetAllocated').map((e) => ({
        node: data(e)['nodeId'],
        year: data(e)['year'],
        amount: data(e)['amount'],
        ...source(e),
      })),
      ...of('BudgetStated').map(budgetStatement),
      ...of('DocumentBudgetStated').map(budgetStatement),
    ],
    agreements: [],
    realisations: of('RealisationReported').map((e) => {
      const { organisationId: _o, documentId: _d, indicatorId, ...rest } = data(e);
      return { indicator: indicatorId, ...rest, ...source(e) };
    }),
    submissions: [],
  } as unknown as Bundle);
}

/** Orders lists by their keys so two bundles with the same facts compare equal. */
function normalise(bundle: Bundle) {
  const by =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  return {
    ...bundle,
    nodes: [...(bundle.nodes ?? [])].sort(by((n) => n.id)),
    indicators: [...(bundle.indicators ?? [])].sort(by((i) => i.id)),
    budgets: [...(bundle.budgets ?? [])].sort(by((b) => JSON.stringify([b.node, b.year, b.total, b.source]))),
    realisations: [...(bundle.realisations ?? [])].sort(by((r) => `${r.indicator}|${r.period}`)),
  };
}
