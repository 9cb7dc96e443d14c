import { defineScopeFacts } from './define';
import { COMMON_FACTS } from './common.facts';
import { PLAN_KINDS, type OrganisationContext } from './context';
import type { DocumentModel } from './model';
import { lkjipDeadline, pkDeadline } from '../settings';

export interface DocumentContext {
  readonly org: OrganisationContext;
  readonly document: DocumentModel;
}

/** The PK targets this document states (a PK, or the PK table of an LKjIP). */
function agreementsOf(c: DocumentContext) {
  return [...c.org.model.indicators.values()].flatMap((i) =>
    [...i.agreements.values()].filter((a) => a.documentId === c.document.documentId),
  );
}

function lkjipSubmission(c: DocumentContext) {
  const year = c.document.period.end;
  return c.org.model.submissions
    .filter((s) => s.kind === 'lkjip' && s.year === year)
    .sort((a, b) => a.submittedOn.localeCompare(b.submittedOn))[0];
}

export const DOCUMENT_FACTS = defineScopeFacts<DocumentContext>('document', {
  ...COMMON_FACTS,
  documentId: { type: 'string', description: 'document id', compute: (c) => c.document.documentId },
  kind: { type: 'string', description: 'renstra, renja, pk or lkjip', compute: (c) => c.document.kind },
  title: { type: 'string', description: 'title of the document', compute: (c) => c.document.title },
  isPlanDocument: {
    type: 'boolean',
    description: 'a Renstra or Renja',
    compute: (c) => PLAN_KINDS.has(c.document.kind),
  },
  hasLegalBasis: {
    type: 'boolean',
    description: 'a legal basis (e.g. a Perbup) is recorded',
    compute: (c) => Boolean(c.document.legalBasis?.trim()),
  },
  issuedOn: {
    type: 'date',
    nullable: true,
    description: 'when the document was enacted or issued',
    compute: (c) => c.document.issuedOn ?? null,
  },
  periodStart: {
    type: 'number',
    description: 'first year of the document period',
    compute: (c) => c.document.period.start,
  },
  periodEnd: {
    type: 'number',
    description: 'last year of the document period',
    compute: (c) => c.document.period.end,
  },
  periodStartDate: {
    type: 'date',
    description: 'first day of the document period',
    compute: (c) => `${c.document.period.start}-01-01`,
  },
  coversEvaluationYear: {
    type: 'boolean',
    description: 'the period contains the evaluation year',
    compute: (c) =>
      c.document.period.start <= c.org.batch.evaluationYear &&
      c.org.batch.evaluationYear <= c.document.period.end,
  },
  agreementCount: {
    type: 'number',
    description: 'how many PK targets the document states',
    compute: (c) => agreementsOf(c).length,
  },
  agreementsWithoutSigningDate: {
    type: 'number',
    description: 'how many of its PK targets have no signing date',
    compute: (c) => agreementsOf(c).filter((a) => a.signedOn === null).length,
  },
  pkSignedOn: {
    type: 'date',
    nullable: true,
    description: 'latest signing date of the PK targets the document states',
    compute: (c) =>
      agreementsOf(c)
        .map((a) => a.signedOn)
        .filter((d): d is string => d !== null)
        .sort()
        .pop() ?? null,
  },
  pkDeadline: {
    type: 'date',
    description: "PK due date for the document's first year (setting: months after the DPA's approval)",
    compute: (c) => pkDeadline(c.org.deadlines, c.document.period.start),
  },
  lkjipSubmittedOn: {
    type: 'date',
    nullable: true,
    description: 'for an LKjIP: when the report of its year was submitted',
    compute: (c) => (c.document.kind === 'lkjip' ? (lkjipSubmission(c)?.submittedOn ?? null) : null),
  },
  lkjipDeadline: {
    type: 'date',
    description: "LKjIP due date of the document's last year (setting; per government)",
    compute: (c) => lkjipDeadline(c.org.deadlines, c.document.period.end),
  },
});
