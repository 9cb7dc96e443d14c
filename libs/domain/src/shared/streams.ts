/**
 * Stream naming. Every stream of an organisation carries the organisation id as its partition key, so
 * stores can read one organisation's events together and brokers can partition by organisation.
 */
export const streamIds = {
  organisation: (organisationId: string) => `organisation-${organisationId}`,
  document: (organisationId: string, documentId: string) => `document-${organisationId}/${documentId}`,
  node: (organisationId: string, nodeId: string) => `node-${organisationId}/${nodeId}`,
  indicator: (organisationId: string, indicatorId: string) => `indicator-${organisationId}/${indicatorId}`,
} as const;

export const DOCUMENT_KINDS = ['renstra', 'renja', 'pk', 'lkjip'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const NODE_LEVELS = ['tujuan', 'sasaran', 'program', 'kegiatan', 'subkegiatan'] as const;
export type NodeLevel = (typeof NODE_LEVELS)[number];

export const AGGREGATIONS = ['last', 'sum', 'max', 'min', 'average'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * What an item of a document is (bundle format 2): part of the plan, reprinted from an earlier plan or
 * report (`history`, e.g. BAB II review tables), or a regional goal cited for alignment (`reference`).
 * Absent means `plan`.
 */
export const ITEM_ROLES = ['plan', 'history', 'reference'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];

/** Pagu (allocated) or realisation (spent) money. */
export const BUDGET_KINDS = ['pagu', 'realisation'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/** Where a statement sits in its document. */
export interface StatementSource {
  readonly table?: string;
  readonly page?: number | string;
  readonly row?: number | string;
}

/** A stable key of a source: two statements at the same source are the same cell. */
export function sourceKey(source: StatementSource | undefined): string {
  return [source?.table ?? '', source?.page ?? '', source?.row ?? ''].join('|');
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
