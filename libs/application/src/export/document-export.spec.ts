import { MemoryEventStore, START, type StoredEvent } from '@sakip/event-store';
import type { Bundle } from '../bundles/bundle';
import { BundleImporter, documentIdOf } from '../bundles/bundle-import';
import {
  asNewOrganisation,
  cellsOf,
  exampleWorkbookRows,
  fillWorkbook,
  importContext,
  loadFixture,
} from '../testing';
import { importDocument, workbookDocument } from '../workbook/document-files';
import { readWorkbook } from '../workbook/workbook-reader';
import { writeWorkbook } from '../workbook/workbook-writer';
import { exportDocument, parseDocumentRef } from './document-export';

async function imported(bundle: unknown, store = new MemoryEventStore()) {
  const outcome = await new BundleImporter(store).import(bundle, importContext());
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return { store, summary: outcome.summary };
}

async function exported(store: MemoryEventStore, ref: string): Promise<Bundle> {
  const result = await exportDocument(store, parseDocumentRef(ref));
  if (!result.ok) throw new Error(result.reason.en);
  return result.bundle;
}

/** What an event says: its stream, type, data and source; not when, by whom, or the bundle's content hash. */
function said(events: readonly StoredEvent[]): string[] {
  return events
    .map((e) => {
      const { contentHash: _hash, ...data } = e.data as Record<string, unknown>;
      return JSON.stringify([e.streamId, e.type, data, e.metadata['provenance']]);
    })
    .sort();
}

const all = (store: MemoryEventStore) => store.readAll({ after: START });

describe('exporting a stored document', () => {
  it('builds the fixture back from its events: importing the export, as JSON or as a workbook, gives the same events', async () => {
    const fixture = loadFixture();
    const { store, summary } = await imported(fixture);
    const bundle = await exported(store, `${summary.organisationId}:${summary.documentId}`);
    const events = said(await all(store));
    expect(events).toHaveLength(759);

    const again = await imported(bundle);
    expect(said(await all(again.store))).toEqual(events);

    const workbook = await writeWorkbook(bundle);
    const reading = await readWorkbook(workbook);
    expect(reading.problems).toEqual([]);
    // The same bundle, but for the order of an indicator's statements: Target rows before Pernyataan rows.
    const statementsSorted = (b: unknown) =>
      (b as Bundle).indicators?.map((i) => ({
        ...i,
        statements: i.statements?.map((s) => JSON.stringify(s)).sort(),
      }));
    expect({ ...reading.bundle, indicators: statementsSorted(reading.bundle) }).toEqual({
      ...bundle,
      indicators: statementsSorted(bundle),
    });
    const fromWorkbook = new MemoryEventStore();
    const outcome = await importDocument(
      new BundleImporter(fromWorkbook),
      await workbookDocument(workbook),
      importContext(),
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.summary.documentId).toBe(summary.documentId);
    expect(said(await all(fromWorkbook))).toEqual(events);
    expect(await cellsOf(await writeWorkbook(reading.bundle as unknown as Bundle))).toEqual(
      await cellsOf(workbook),
    );
  });

  it('gives a document imported from a workbook back unchanged: importing the export again writes nothing', async () => {
    const input = await workbookDocument(
      await fillWorkbook(await writeWorkbook(), exampleWorkbookRows('export-1')),
    );
    const store = new MemoryEventStore();
    const first = await importDocument(new BundleImporter(store), input, importContext());
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    const bundle = await exported(store, first.summary.documentId);
    expect(bundle).toEqual(input.bundle);
    const again = await importDocument(
      new BundleImporter(store),
      await workbookDocument(await writeWorkbook(bundle)),
      importContext(),
    );
    expect(again.ok && again.summary.nothingNew).toBe(true);
  });

  it('keeps to what the document states: a later report on the same indicators stays out, and comes back on its own', async () => {
    const renstra = asNewOrganisation(loadFixture(), 'export');
    const { store, summary } = await imported(renstra);
    const lkjip: Bundle = {
      format: 'sakip-bundle/2',
      organisation: renstra.organisation,
      document: {
        kind: 'lkjip',
        title: 'LKjIP 2024',
        period: { start: 2024, end: 2024 },
        issuedOn: '2025-02-20',
      },
      agreements: [{ year: 2024, indicator: 'S1-I1', target: '81', signedOn: '2024-02-01' }],
      realisations: [
        { indicator: 'S1-I1', period: '2024', value: '80,1', target: '81', reportedAchievement: '98,89' },
        { indicator: 'S1-I1', period: '2024', value: '80', source: { table: 'Bab III' } },
      ],
      submissions: [{ kind: 'lkjip', year: 2024, submittedOn: '2025-02-27' }],
    };
    await imported(lkjip, store);
    const back = await exported(store, `${renstra.organisation.id}:${summary.documentId}`);
    expect(back.realisations).toHaveLength(30);
    expect(back.agreements).toEqual([]);
    expect(back.submissions).toEqual([]);
    expect(await exported(store, `${renstra.organisation.id}:${documentIdOf(lkjip)}`)).toEqual({
      ...lkjip,
      nodes: [],
      indicators: [],
      budgets: [],
    });
  });

  it('holds the latest value of each cell when the same document was imported again with changes', async () => {
    const first = asNewOrganisation(loadFixture(), 'export');
    const { store, summary } = await imported(first);
    const changed = structuredClone(first) as Bundle & {
      indicators: { targets?: Record<string, unknown> }[];
    };
    changed.indicators[1]!.targets!['2025'] = '82,5';
    await imported(changed, store);
    const back = await exported(store, `${first.organisation.id}:${summary.documentId}`);
    expect(back.indicators?.[1]?.targets?.['2025']).toBe('82,5');
    expect(back.indicators).toHaveLength(76);
  });

  it('finds a document by organisation and id, or by id alone when only one organisation has it', async () => {
    const one = asNewOrganisation(loadFixture(), 'export');
    const two = asNewOrganisation(loadFixture(), 'export');
    const { store, summary } = await imported(one);
    expect(parseDocumentRef('dinsos:renstra-1')).toEqual({
      organisationId: 'dinsos',
      documentId: 'renstra-1',
    });
    expect(parseDocumentRef('renstra-1')).toEqual({ documentId: 'renstra-1' });
    expect((await exportDocument(store, { documentId: summary.documentId })).ok).toBe(true);
    await imported(two, store);
    const ambiguous = await exportDocument(store, { documentId: summary.documentId });
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok) expect(ambiguous.reason.en).toContain(`${two.organisation.id}:${summary.documentId}`);
    const missing = await exportDocument(store, {
      organisationId: one.organisation.id,
      documentId: 'renja-x',
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason.id).toContain(`dokumen yang ada: ${summary.documentId}`);
    expect(await exportDocument(store, { documentId: 'renja-x' })).toEqual({
      ok: false,
      reason: { id: 'Dokumen "renja-x" tidak ditemukan.', en: 'No stored document "renja-x".' },
    });
  });
});
