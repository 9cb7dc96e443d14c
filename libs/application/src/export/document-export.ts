import {
  budgetStatementKey,
  statementKey,
  type DocumentEvent,
  type IndicatorEvent,
  type NodeEvent,
  type OrganisationDetails,
  type OrganisationEvent,
  type Provenance,
} from '@sakip/domain';
import { START, type EventStore, type StoredEvent } from '@sakip/event-store';
import type {
  Bundle,
  BundleBudget,
  BundleIndicator,
  BundleNode,
  BundleSource,
  BundleStatement,
} from '../bundles/bundle';

/** A stored document: `<organisation>:<document>`, or the document id alone when only one organisation has it. */
export interface DocumentRef {
  readonly organisationId?: string;
  readonly documentId: string;
}

export function parseDocumentRef(text: string): DocumentRef {
  const at = text.indexOf(':');
  return at < 0
    ? { documentId: text.trim() }
    : { organisationId: text.slice(0, at).trim(), documentId: text.slice(at + 1).trim() };
}

export type DocumentExport =
  | {
      readonly ok: true;
      readonly organisationId: string;
      readonly documentId: string;
      readonly bundle: Bundle;
    }
  | { readonly ok: false; readonly reason: { readonly id: string; readonly en: string } };

type Known = OrganisationEvent | DocumentEvent | NodeEvent | IndicatorEvent;
type Agreement = NonNullable<Bundle['agreements']>[number];
type Realisation = NonNullable<Bundle['realisations']>[number];
type Submission = NonNullable<Bundle['submissions']>[number];

const PAGE = 5000;

async function readAll(store: EventStore, partitionKey?: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE, ...(partitionKey ? { partitionKey } : {}) });
    events.push(...page);
    if (page.length < PAGE) return events;
    after = page[page.length - 1]!.position;
  }
}

/** The organisations that stored a document of this id (reading the whole log: give the organisation to avoid it). */
async function organisationsOf(store: EventStore, documentId: string): Promise<string[]> {
  const found = new Set<string>();
  for (const event of await readAll(store))
    if (
      event.type === 'DocumentRegistered' &&
      (event.data as { documentId?: string }).documentId === documentId
    )
      found.add((event.data as { organisationId: string }).organisationId);
  return [...found];
}

/**
 * A stored document back as a `sakip-bundle/2` bundle, built from the events that document wrote (data
 * `documentId`, metadata provenance for sources). What the store keeps of a document is what its import
 * recorded: a value an earlier document had already stated the same way wrote no event of this document,
 * so it cannot come back (docs/workbook.md). When the same document was imported more than once, each
 * cell holds its latest value.
 */
export async function exportDocument(store: EventStore, ref: DocumentRef): Promise<DocumentExport> {
  let organisationId = ref.organisationId;
  if (!organisationId) {
    const organisations = await organisationsOf(store, ref.documentId);
    if (organisations.length !== 1)
      return {
        ok: false,
        reason:
          organisations.length === 0
            ? {
                id: `Dokumen "${ref.documentId}" tidak ditemukan.`,
                en: `No stored document "${ref.documentId}".`,
              }
            : {
                id: `Dokumen "${ref.documentId}" ada di beberapa perangkat daerah; sebutkan salah satu: ${organisations.map((o) => `${o}:${ref.documentId}`).join(', ')}`,
                en: `Several organisations have a document "${ref.documentId}"; name one: ${organisations.map((o) => `${o}:${ref.documentId}`).join(', ')}`,
              },
      };
    organisationId = organisations[0]!;
  }
  const events = await readAll(store, organisationId);
  const bundle = bundleFromEvents(events, ref.documentId);
  if (!bundle) {
    const documents = [
      ...new Set(
        events
          .filter((e) => e.type === 'DocumentRegistered')
          .map((e) => (e.data as { documentId: string }).documentId),
      ),
    ];
    return {
      ok: false,
      reason: {
        id: `Dokumen "${ref.documentId}" tidak ada untuk ${organisationId}${documents.length ? `; dokumen yang ada: ${documents.join(', ')}` : ''}.`,
        en: `${organisationId} has no document "${ref.documentId}"${documents.length ? `; its documents: ${documents.join(', ')}` : ''}.`,
      },
    };
  }
  return { ok: true, organisationId, documentId: ref.documentId, bundle };
}

function sourceOf(event: StoredEvent): BundleSource | undefined {
  const provenance = event.metadata['provenance'] as Provenance | undefined;
  if (!provenance) return undefined;
  const source = defined({ table: provenance.table, page: provenance.page, row: provenance.row });
  return Object.keys(source).length > 0 ? source : undefined;
}

function defined<T extends object>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as T;
}

/** Items in the order their cells first appear in the log; a later import of the same cell replaces it in place. */
class Slots<T> {
  private readonly items = new Map<string, T>();
  set(key: string, item: T): void {
    this.items.set(key, item);
  }
  get(key: string): T | undefined {
    return this.items.get(key);
  }
  entries(): [string, T][] {
    return [...this.items.entries()];
  }
  values(): T[] {
    return [...this.items.values()];
  }
}

interface IndicatorSlots {
  definition: BundleIndicator;
  baseline?: { year: number; value: string | number };
  targets: Map<number, string | number>;
  statements: Slots<BundleStatement>;
}

const PRIMARY = 'primary|';

/**
 * Rows of one key (a node's yearly pagu, an indicator's PK year or realisation period): the primary one
 * must come before any other row of its key that the import would take as primary, as it did.
 */
function primaryFirst<T>(
  slots: Slots<T>,
  keyOf: (item: T) => string | undefined,
  qualifies: (item: T) => boolean,
): T[] {
  const entries = slots.entries();
  const primaries = new Map<string, T>();
  for (const [slot, item] of entries) if (slot.startsWith(PRIMARY)) primaries.set(keyOf(item) ?? '', item);
  const emitted = new Set<T>();
  const result: T[] = [];
  for (const [slot, item] of entries) {
    if (emitted.has(item)) continue;
    const key = keyOf(item);
    const primary = key === undefined ? undefined : primaries.get(key);
    if (!slot.startsWith(PRIMARY) && primary && !emitted.has(primary) && qualifies(item)) {
      result.push(primary);
      emitted.add(primary);
    }
    result.push(item);
    emitted.add(item);
  }
  return result;
}

/** The bundle of one document from its organisation's events (in log order); undefined when it has none. */
export function bundleFromEvents(events: readonly StoredEvent[], documentId: string): Bundle | undefined {
  let organisation: OrganisationDetails | undefined;
  let atDocument: OrganisationDetails | undefined;
  let document: Extract<DocumentEvent, { type: 'DocumentRegistered' }>['data'] | undefined;
  const nodes = new Slots<BundleNode>();
  const indicators = new Slots<IndicatorSlots>();
  const budgets = new Slots<BundleBudget>();
  const agreements = new Slots<Agreement>();
  const realisations = new Slots<Realisation>();
  const submissions = new Slots<Submission>();

  for (const stored of events) {
    const event = { type: stored.type, data: stored.data } as Known;
    if (event.type === 'OrganisationRegistered') organisation = event.data;
    if (event.type === 'OrganisationDetailsChanged') {
      const { previous: _previous, ...details } = event.data;
      organisation = details;
    }
    if ((event.data as { documentId?: string }).documentId !== documentId) continue;
    const source = sourceOf(stored);
    switch (event.type) {
      case 'DocumentRegistered':
        document = event.data;
        atDocument = organisation;
        break;
      case 'DocumentBudgetStated':
      case 'BudgetStated': {
        const d = event.data;
        budgets.set(
          budgetStatementKey(d),
          defined({
            node: 'nodeId' in d ? d.nodeId : undefined,
            year: d.year,
            total: d.total ? (true as const) : undefined,
            kind: d.kind === 'realisation' ? d.kind : undefined,
            amount: d.amount,
            source: d.source,
          }),
        );
        break;
      }
      case 'NodeDefined': {
        const d = event.data;
        nodes.set(
          d.nodeId,
          defined({
            id: d.nodeId,
            level: d.level,
            name: d.name,
            parent: d.parent,
            code: d.code,
            alignsTo: d.alignsTo,
            role: d.role,
            source,
          }),
        );
        break;
      }
      case 'BudgetAllocated': {
        const d = event.data;
        budgets.set(
          `${PRIMARY}${d.nodeId}|${d.year}`,
          defined({ node: d.nodeId, year: d.year, amount: d.amount, source }),
        );
        break;
      }
      case 'IndicatorDefined': {
        const d = event.data;
        const definition: BundleIndicator = defined({
          id: d.indicatorId,
          node: d.nodeId,
          name: d.name,
          unit: d.unit,
          formula: d.formula,
          polarity: d.polarity,
          iku: d.iku,
          ikk: d.ikk,
          finalTarget: d.finalTarget,
          aggregation: d.aggregation,
          dataSource: d.dataSource,
          role: d.role,
          source,
        });
        const known = indicators.get(d.indicatorId);
        if (known) known.definition = definition;
        else indicators.set(d.indicatorId, { definition, targets: new Map(), statements: new Slots() });
        break;
      }
      case 'BaselineSet': {
        const known = indicators.get(event.data.indicatorId);
        if (known) known.baseline = { year: event.data.year, value: event.data.value };
        break;
      }
      case 'TargetSet':
      case 'TargetRevised': {
        if (event.type === 'TargetRevised' && event.data.origin !== 'document') break;
        indicators.get(event.data.indicatorId)?.targets.set(event.data.year, event.data.value);
        break;
      }
      case 'AgreementTargetSet': {
        const d = event.data;
        agreements.set(
          `${PRIMARY}${d.indicatorId}|${d.year}`,
          defined({ year: d.year, signedOn: d.signedOn, indicator: d.indicatorId, target: d.value, source }),
        );
        break;
      }
      case 'RealisationReported': {
        const d = event.data;
        realisations.set(
          `${PRIMARY}${d.indicatorId}|${d.period}`,
          defined({
            indicator: d.indicatorId,
            period: d.period,
            value: d.value,
            target: d.target,
            reportedAchievement: d.reportedAchievement,
            reportedOn: d.reportedOn,
            source,
          }),
        );
        break;
      }
      case 'IndicatorValueStated': {
        const d = event.data;
        const key = statementKey(d);
        if (d.field === 'agreement')
          agreements.set(
            key,
            defined({
              year: d.year!,
              signedOn: d.signedOn,
              indicator: d.indicatorId,
              target: d.value as string | number,
              source: d.source,
            }),
          );
        else if (d.field === 'realisation')
          realisations.set(
            key,
            defined({
              indicator: d.indicatorId,
              period: d.period!,
              value: d.value,
              target: d.rowTarget,
              reportedAchievement: d.reportedAchievement ?? undefined,
              source: d.source,
            }),
          );
        else
          indicators
            .get(d.indicatorId)
            ?.statements.set(
              key,
              defined({ field: d.field, year: d.year, value: d.value, source: d.source }),
            );
        break;
      }
      case 'DocumentSubmitted': {
        const d = event.data;
        submissions.set(`${d.kind}|${d.year}|${d.submittedOn}`, {
          kind: d.kind,
          year: d.year,
          submittedOn: d.submittedOn,
        });
        break;
      }
      case 'OrganisationRegistered':
      case 'OrganisationDetailsChanged':
      case 'RealisationCorrected':
        break;
      default: {
        const never: never = event;
        return never;
      }
    }
  }
  if (!document || !atDocument) return undefined;

  const primaryBudget = (b: BundleBudget) =>
    b.node !== undefined && b.year !== undefined && !b.total && b.kind === undefined && b.amount !== null;
  return {
    format: 'sakip-bundle/2',
    organisation: defined({
      id: atDocument.organisationId,
      name: atDocument.name,
      government: atDocument.government,
      province: atDocument.province,
    }),
    document: defined({
      kind: document.kind,
      title: document.title,
      legalBasis: document.legalBasis,
      issuedOn: document.issuedOn,
      period: document.period,
    }),
    nodes: nodes.values(),
    indicators: indicators.values().map(({ definition, baseline, targets, statements }) => {
      const further = statements.values();
      const { source, ...rest } = definition;
      return defined({
        ...rest,
        baseline,
        targets:
          targets.size > 0
            ? Object.fromEntries(
                [...targets.entries()].sort(([a], [b]) => a - b).map(([y, v]) => [String(y), v]),
              )
            : undefined,
        statements: further.length > 0 ? further : undefined,
        source,
      });
    }),
    budgets: primaryFirst(
      budgets,
      (b) => (b.node !== undefined && b.year !== undefined ? `${b.node}|${b.year}` : undefined),
      primaryBudget,
    ),
    agreements: primaryFirst(
      agreements,
      (a) => `${a.indicator}|${a.year}`,
      () => true,
    ),
    realisations: primaryFirst(
      realisations,
      (r) => `${r.indicator}|${r.period}`,
      () => true,
    ),
    submissions: submissions.values(),
  };
}
