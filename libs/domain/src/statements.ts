import type { DocumentEvent } from './document/document.events';
import type { IndicatorEvent } from './indicator/indicator.events';
import type { NodeEvent } from './node/node.events';
import type { OrganisationEvent } from './organisation/organisation.events';
import type { StatementSource } from './shared/streams';
import { interpretValue, sameRawMeaning, type RawValue } from './values/document-value';

/** What a statement is about: an indicator field, or money (pagu or spent) of a node or of the document. */
export type StatementSubjectField =
  | 'name'
  | 'unit'
  | 'formula'
  | 'finalTarget'
  | 'baseline'
  | 'target'
  | 'agreement'
  | 'realisation'
  | 'budget'
  | 'budget-realisation';

/** One value as one document states it at one place (bundle format 2). */
export interface DocumentStatement {
  readonly organisationId: string;
  readonly documentId: string;
  readonly indicatorId?: string;
  readonly nodeId?: string;
  readonly field: StatementSubjectField;
  /** A year or period; absent for name, unit, formula, final target and end-of-period totals. */
  readonly period?: string;
  /** An end-of-period budget column. */
  readonly total?: boolean;
  /** The document's main statement of the fact (its main table), or a further one. */
  readonly primary: boolean;
  readonly value: RawValue | null;
  readonly rowTarget?: RawValue | null;
  readonly reportedAchievement?: RawValue | null;
  /** Where the document states it (from the statement itself, else from the event's provenance). */
  readonly source?: StatementSource;
}

type Known = OrganisationEvent | DocumentEvent | NodeEvent | IndicatorEvent;
const DEFINITION_FIELDS = ['name', 'unit', 'formula', 'finalTarget'] as const;

/**
 * The statements of a document an event records. Planner commands are not statements of a document
 * (they are revisions and reports), so their events yield none.
 */
export function statementsOf(event: Known, provenance?: StatementSource): DocumentStatement[] {
  const at = provenance ? { source: provenance } : {};
  switch (event.type) {
    case 'IndicatorDefined': {
      const d = event.data;
      return DEFINITION_FIELDS.flatMap((field) => {
        const value = d[field];
        if (value === undefined) return [];
        return [
          {
            organisationId: d.organisationId,
            documentId: d.documentId,
            indicatorId: d.indicatorId,
            field,
            primary: true,
            value,
            ...at,
          },
        ];
      });
    }
    case 'BaselineSet': {
      const { organisationId, indicatorId, documentId, year, value } = event.data;
      if (!documentId) return [];
      return [
        {
          organisationId,
          indicatorId,
          documentId,
          field: 'baseline',
          period: String(year),
          primary: true,
          value,
          ...at,
        },
      ];
    }
    case 'TargetSet': {
      const { organisationId, indicatorId, documentId, year, value } = event.data;
      return [
        {
          organisationId,
          indicatorId,
          documentId,
          field: 'target',
          period: String(year),
          primary: true,
          value,
          ...at,
        },
      ];
    }
    case 'TargetRevised': {
      // A later document's target is that document's statement; a planner's revision is not.
      const { organisationId, indicatorId, documentId, year, value, origin } = event.data;
      if (origin !== 'document' || !documentId) return [];
      return [
        {
          organisationId,
          indicatorId,
          documentId,
          field: 'target',
          period: String(year),
          primary: true,
          value,
          ...at,
        },
      ];
    }
    case 'AgreementTargetSet': {
      const { organisationId, indicatorId, documentId, year, value } = event.data;
      if (!documentId) return [];
      return [
        {
          organisationId,
          indicatorId,
          documentId,
          field: 'agreement',
          period: String(year),
          primary: true,
          value,
          ...at,
        },
      ];
    }
    case 'RealisationReported': {
      const { organisationId, indicatorId, documentId, period, value, target, reportedAchievement } =
        event.data;
      if (!documentId) return [];
      return [
        {
          organisationId,
          indicatorId,
          documentId,
          field: 'realisation',
          period,
          primary: true,
          value,
          ...(target === undefined ? {} : { rowTarget: target }),
          ...(reportedAchievement === undefined ? {} : { reportedAchievement }),
          ...at,
        },
      ];
    }
    case 'IndicatorValueStated': {
      const d = event.data;
      const period = d.period ?? (d.year === undefined ? undefined : String(d.year));
      const source = d.source ?? provenance;
      return [
        {
          organisationId: d.organisationId,
          indicatorId: d.indicatorId,
          documentId: d.documentId,
          field: d.field,
          ...(period === undefined ? {} : { period }),
          primary: false,
          value: d.value,
          ...(d.rowTarget === undefined ? {} : { rowTarget: d.rowTarget }),
          ...(d.reportedAchievement === undefined ? {} : { reportedAchievement: d.reportedAchievement }),
          ...(source ? { source } : {}),
        },
      ];
    }
    case 'BudgetAllocated': {
      const { organisationId, nodeId, documentId, year, amount } = event.data;
      if (!documentId) return [];
      return [
        {
          organisationId,
          nodeId,
          documentId,
          field: 'budget',
          period: String(year),
          primary: true,
          value: amount,
          ...at,
        },
      ];
    }
    case 'BudgetStated':
    case 'DocumentBudgetStated': {
      const d = event.data;
      const source = d.source ?? provenance;
      return [
        {
          organisationId: d.organisationId,
          ...(d.nodeId === undefined ? {} : { nodeId: d.nodeId }),
          documentId: d.documentId,
          field: d.kind === 'realisation' ? 'budget-realisation' : 'budget',
          ...(d.year === undefined ? {} : { period: String(d.year) }),
          total: d.total ?? false,
          primary: false,
          value: d.amount,
          ...(source ? { source } : {}),
        },
      ];
    }
    case 'NodeDefined':
    case 'RealisationCorrected':
    case 'DocumentRegistered':
    case 'OrganisationRegistered':
    case 'OrganisationDetailsChanged':
    case 'DocumentSubmitted':
      return [];
    default: {
      const never: never = event;
      return never;
    }
  }
}

const TEXT_STATEMENT_FIELDS: ReadonlySet<StatementSubjectField> = new Set(['name', 'unit', 'formula']);

/** Text compared by its words: case, spacing and punctuation ("100%" / "100") do not count. */
export function comparableText(raw: RawValue | null | undefined): string {
  return String(raw ?? '')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The statements one document makes about one fact that say something (kept for comparison): a cell
 * printed empty says something only against a number other than 0 ("" in one table, a target of 100 in
 * another); an empty text cell is a table that does not print the field.
 */
export function meaningfulStatements<S extends { readonly value: RawValue | null }>(
  field: StatementSubjectField,
  statements: readonly S[],
): S[] {
  const text = TEXT_STATEMENT_FIELDS.has(field);
  const nonZero = statements.some((s) => {
    const v = interpretValue(s.value);
    return v.kind === 'number' && v.value !== 0;
  });
  return statements.filter((s) => interpretValue(s.value).kind !== 'empty' || (!text && nonZero));
}

/** Whether the statements of one fact by one document contradict each other. */
export function statementsConflict(
  field: StatementSubjectField,
  statements: readonly { readonly value: RawValue | null }[],
): boolean {
  const kept = meaningfulStatements(field, statements);
  const first = kept[0];
  if (!first) return false;
  return kept.some((s) =>
    TEXT_STATEMENT_FIELDS.has(field)
      ? comparableText(s.value) !== comparableText(first.value)
      : !sameRawMeaning(s.value, first.value),
  );
}
