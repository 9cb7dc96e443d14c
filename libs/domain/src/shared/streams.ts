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

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
