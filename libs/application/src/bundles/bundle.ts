import type { Aggregation, DocumentKind, NodeLevel, Polarity, RawValue } from '@sakip/domain';

/** TypeScript view of `sakip-bundle/1` (../shared/spec/bundle-format.md); bundle.schema.json is the authority. */
export interface BundleSource {
  readonly table?: string;
  readonly page?: number | string;
  readonly row?: number | string;
}

export interface Bundle {
  readonly format: 'sakip-bundle/1';
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
  readonly budgets?: readonly {
    readonly node: string;
    readonly year: number;
    readonly amount: RawValue;
    readonly source?: BundleSource;
  }[];
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
    readonly value: RawValue;
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
  readonly source?: BundleSource;
}
