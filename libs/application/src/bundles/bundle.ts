import type {
  Aggregation,
  BudgetKind,
  DocumentKind,
  ItemRole,
  NodeLevel,
  Polarity,
  RawValue,
  StatementField,
} from '@sakip/domain';

/** TypeScript view of `sakip-bundle/2` (and /1, a subset) (../shared/spec/bundle-format.md); bundle.schema.json is the authority. */
export interface BundleSource {
  readonly table?: string;
  readonly page?: number | string;
  readonly row?: number | string;
}

export interface Bundle {
  readonly format: 'sakip-bundle/1' | 'sakip-bundle/2';
  readonly organisation: {
    readonly id: string;
    readonly name: string;
    readonly government?: string;
    readonly province?: string;
  };
  readonly document: {
    readonly kind: DocumentKind;
    readonly title: string;
    readonly legalBasis?: string;
    readonly issuedOn?: string;
    readonly period: { readonly start: number; readonly end: number };
  };
  readonly nodes?: readonly BundleNode[];
  readonly indicators?: readonly BundleIndicator[];
  readonly budgets?: readonly BundleBudget[];
  readonly agreements?: readonly {
    readonly year: number;
    readonly signedOn?: string;
    readonly indicator: string;
    readonly target: RawValue;
    readonly source?: BundleSource;
  }[];
  readonly realisations?: readonly {
    readonly indicator: string;
    readonly period: string;
    /** null: the row prints a target and capaian but no realisation cell. */
    readonly value: RawValue | null;
    /** The target printed in the same row. */
    readonly target?: RawValue | null;
    readonly reportedAchievement?: RawValue;
    readonly reportedOn?: string;
    readonly source?: BundleSource;
  }[];
  readonly submissions?: readonly {
    readonly kind: DocumentKind;
    readonly year: number;
    readonly submittedOn: string;
  }[];
}

export interface BundleNode {
  readonly id: string;
  readonly level: NodeLevel;
  readonly name: string;
  readonly parent?: string;
  readonly code?: string;
  readonly alignsTo?: string;
  readonly role?: ItemRole;
  readonly source?: BundleSource;
}

/** A budget row: a node's (or, without `node`, the document's) pagu or realisation for a year or the period. */
export interface BundleBudget {
  readonly node?: string;
  readonly year?: number;
  readonly total?: true;
  readonly kind?: BudgetKind;
  readonly amount: RawValue | null;
  readonly source?: BundleSource;
}

/** One more statement of an indicator's value by the document (another table, the prose). */
export interface BundleStatement {
  readonly field: Exclude<StatementField, 'agreement' | 'realisation'>;
  readonly year?: number;
  readonly value: RawValue | null;
  readonly source?: BundleSource;
}

export interface BundleIndicator {
  readonly id: string;
  readonly node: string;
  readonly name: string;
  readonly unit?: string;
  readonly formula?: string;
  readonly polarity?: Polarity;
  readonly iku?: boolean;
  readonly ikk?: boolean;
  readonly baseline?: { readonly year: number; readonly value: RawValue };
  readonly targets?: Readonly<Record<string, RawValue>>;
  readonly finalTarget?: RawValue;
  readonly aggregation?: Aggregation;
  readonly dataSource?: string;
  readonly role?: ItemRole;
  readonly statements?: readonly BundleStatement[];
  readonly source?: BundleSource;
}
