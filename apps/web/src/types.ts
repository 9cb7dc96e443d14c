import type { Stated } from './format';

export interface Organisation {
  organisationId: string;
  name: string;
  government?: string | null;
  province?: string | null;
}

export interface DocumentSummary {
  organisationId: string;
  documentId: string;
  kind: string;
  title: string;
  legalBasis: string | null;
  issuedOn: string | null;
  period: { start: number; end: number } | null;
  registeredAt: string;
}

export interface IndicatorView {
  organisationId: string;
  indicatorId: string;
  nodeId: string;
  name: string;
  unit: string | null;
  formula: string | null;
  polarity: string;
  iku: boolean;
  ikk?: boolean;
  finalTarget: Stated | null;
  baseline: { year: number; value: Stated } | null;
  role: string;
  version: number;
  targets?: {
    period: string;
    year: number;
    target: Stated | null;
    agreementTarget?: Stated | null;
    realisation?: Stated | null;
  }[];
}

export interface TreeNode {
  nodeId: string;
  level: string;
  name: string;
  code: string | null;
  role: string;
  source: { table: string | null; row: string | null } | null;
  budgets: { year: number; amount: Stated }[];
  indicators: IndicatorView[];
  children: TreeNode[];
}

export type Achievement =
  | { percent: number; method?: string; category?: { id: string; en: string } | string; against?: string }
  | { notComputable: unknown }
  | null;

export interface PeriodView {
  period: string;
  year: number;
  periodKind: string;
  target: Stated | null;
  targetRevised: boolean;
  agreementTarget: Stated | null;
  agreementSignedOn: string | null;
  realisation: Stated | null;
  realisationCorrected: boolean;
  reportedOn: string | null;
  reportedAchievement: Stated | null;
  computedAchievement: Achievement;
}

export interface Statement {
  document: { id: string; title: string; kind: string };
  source: { table: string | null; page: string | null; row: string | null } | null;
  primary: boolean;
  value: Stated;
}

export interface StatementGroup {
  field: string;
  period: string | null;
  conflict: boolean;
  statements: Statement[];
}

export interface IndicatorDetail {
  organisation: Organisation;
  indicator: IndicatorView;
  asOf: string | null;
  periods: PeriodView[];
  statements: StatementGroup[];
}

export interface HistoryEntry {
  eventId: string;
  eventType: string;
  kind: string;
  period: string | null;
  from: Stated | null;
  to: Stated | null;
  reason: string | null;
  origin: string | null;
  legalBasis: string | null;
  documentReference: string | null;
  document: { id: string; title: string; kind: string } | null;
  source: { table: string | null; page: string | null; row: string | null } | null;
  effectiveOn: string | null;
  recordedAt: string;
  actor: { id: string; kind: string; role: string | null; name: string | null } | null;
  position: string;
}

export interface HistoryChain {
  kind: string;
  field?: string;
  period: string | null;
  current: Stated | null;
  entries: HistoryEntry[];
}

export interface IndicatorHistory {
  indicator: IndicatorView;
  chains: HistoryChain[];
}

export interface Finding {
  id: string;
  ruleId: string;
  category: string;
  class: string;
  severity: string;
  scope: string;
  subject: {
    organisationId: string;
    organisationName?: string;
    documentId: string | null;
    documentTitle?: string | null;
    nodeId: string | null;
    nodeCode?: string | null;
    nodeName?: string | null;
    indicatorId: string | null;
    indicatorName?: string | null;
    period: string | null;
  };
  message: { id: string; en: string };
}
