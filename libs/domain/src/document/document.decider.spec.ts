import { deciderSpec } from '../testing/decider-spec';
import { documentDecider } from './document.decider';
import type { DocumentEvent } from './document.events';

const spec = deciderSpec(documentDecider);
const details = {
  organisationId: 'dinsos-karanganyar',
  documentId: 'renstra-2024-2026-abc',
  kind: 'renstra' as const,
  title: 'Renstra Dinas Sosial 2024-2026',
  legalBasis: 'Perbup Karanganyar 16/2023',
  period: { start: 2024, end: 2026 },
  contentHash: 'h1',
};
const registered: DocumentEvent = { type: 'DocumentRegistered', data: details };

describe('document decider', () => {
  it('registers a document', () => {
    spec.given([]).when({ type: 'RegisterDocument', data: details }).then([registered]);
  });
  it('does nothing when the same content is imported again', () => {
    spec.given([registered]).when({ type: 'RegisterDocument', data: details }).thenNothingHappens();
  });
  it('records a re-transcription with different content', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterDocument', data: { ...details, contentHash: 'h2' } })
      .then([{ type: 'DocumentRegistered', data: { ...details, contentHash: 'h2' } }]);
  });
  it('refuses a period that ends before it starts', () => {
    spec
      .given([])
      .when({ type: 'RegisterDocument', data: { ...details, period: { start: 2026, end: 2024 } } })
      .thenFails('DOCUMENT_PERIOD_INVALID');
  });
  describe('StateDocumentBudget (bundle format 2)', () => {
    const totalRow = {
      organisationId: registered.data.organisationId,
      documentId: registered.data.documentId,
      kind: 'pagu' as const,
      year: 2024,
      amount: '47.000.000.000',
      source: { table: 'Tabel 6.1', row: 'Urusan' },
    };
    it("keeps the document's own total row", () => {
      spec
        .given([registered])
        .when({ type: 'StateDocumentBudget', data: totalRow })
        .then([{ type: 'DocumentBudgetStated', data: totalRow }]);
    });
    it('does nothing when the same row is imported again', () => {
      spec
        .given([registered, { type: 'DocumentBudgetStated', data: totalRow }])
        .when({ type: 'StateDocumentBudget', data: totalRow })
        .thenNothingHappens();
    });
    it('refuses a total of an unregistered document', () => {
      spec.given([]).when({ type: 'StateDocumentBudget', data: totalRow }).thenFails('UNKNOWN_DOCUMENT');
    });
  });
});
