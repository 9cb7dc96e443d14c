import { defineScopeFacts, once, type FinishInput } from './define';
import { COMMON_FACTS } from './common.facts';
import { PLAN_KINDS, round, value, type OrganisationContext } from './context';
import { numericValue } from '@sakip/domain';
import type { DocumentModel } from './model';
import { pkDeadline } from '../settings';

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

/** The latest signing date of the document's PK targets, per year (prepared; the deadline is the batch's). */
function latestSigningByYear(c: DocumentContext): [number, string][] {
  const byYear = new Map<number, string>();
  for (const i of c.org.model.indicators.values())
    for (const [year, a] of i.agreements) {
      if (a.documentId !== c.document.documentId || a.signedOn === null) continue;
      const current = byYear.get(year);
      if (current === undefined || a.signedOn > current) byYear.set(year, a.signedOn);
    }
  return [...byYear].sort((a, b) => a[0] - b[0]);
}

/** Years whose PK targets were signed after the batch's PK deadline (the latest signing of the year). */
function lateAgreements({ prepared, deadlines }: FinishInput) {
  return (prepared as [number, string][]).flatMap(([year, signedOn]) => {
    const deadline = pkDeadline(deadlines, year);
    return signedOn > deadline ? [{ year, signedOn, deadline }] : [];
  });
}

/** The report's realisation rows that print a number against a numeric target: how many equal it exactly. */
function computeRealisationEqualsTarget(c: DocumentContext) {
  let rows = 0;
  let equal = 0;
  for (const i of c.org.model.indicators.values())
    for (const s of i.statements) {
      if (s.field !== 'realisation' || s.documentId !== c.document.documentId || !s.period) continue;
      const year = Number(s.period.slice(0, 4));
      const target = s.rowTarget ?? (/^\d{4}$/.test(s.period) ? i.targets.get(year)?.value : undefined);
      const [t, r] = [numericValue(value(target)), numericValue(value(s.value))];
      if (t === undefined || r === undefined) continue;
      rows++;
      if (t === r) equal++;
    }
  return { rows, equal, share: rows > 0 ? round(equal / rows) : null };
}
const realisationEqualsTarget = once(computeRealisationEqualsTarget);

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
    finish: ({ facts, batch }) =>
      (facts['periodStart'] as number) <= batch.evaluationYear &&
      batch.evaluationYear <= (facts['periodEnd'] as number),
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
  realisationRows: {
    type: 'number',
    description: "the document's realisation rows with a number against a numeric target",
    compute: (c) => realisationEqualsTarget(c).rows,
  },
  realisationEqualsTargetShare: {
    type: 'number',
    nullable: true,
    description: 'the share of those rows whose realisation equals the target exactly (0–1)',
    compute: (c) => realisationEqualsTarget(c).share,
  },
  lateAgreements: {
    type: 'object',
    description:
      "the document's PK targets signed after the PK deadline of their year (setting: months after the DPA's approval): year, signing date, deadline",
    prepare: latestSigningByYear,
    finish: lateAgreements,
  },
  lateAgreementCount: {
    type: 'number',
    description: 'how many years with such PK targets',
    prepare: latestSigningByYear,
    finish: (input) => lateAgreements(input).length,
  },
});
