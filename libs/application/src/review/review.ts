import { MemoryEventStore, START } from '@sakip/event-store';
import type { EvaluationSettings, Finding, RuleFile } from '@sakip/rules';
import { DEFAULT_SETTINGS } from '@sakip/rules/defaults';
import { BundleImporter, type ImportSummary, type ImportWarning } from '../bundles/bundle-import';
import type { BundleProblem } from '../bundles/bundle-validation';
import type { DocumentInput } from '../workbook/document-files';
import { findingRecord, uniqueFindings, type FindingRecord } from './findings';

export interface ReviewInput {
  /** A name for messages: the file name. */
  readonly name: string;
  /** The parsed bundle. */
  readonly bundle: unknown;
  /** How the file was read (a workbook): its own problems, and its cells for the bundle's problems. */
  readonly reading?: Pick<DocumentInput, 'problems' | 'allProblems' | 'locateWarnings'>;
}

export interface ReviewedDocument {
  readonly name: string;
  readonly organisationId: string;
  readonly documentId: string;
  readonly title: string;
  readonly kind: string;
  readonly period: { readonly start: number; readonly end: number };
  readonly warnings: readonly ImportWarning[];
}

export type ReviewOutcome =
  | {
      readonly ok: true;
      readonly documents: readonly ReviewedDocument[];
      /** Each finding once (identity: rule, document, subjects, period). */
      readonly findings: readonly Finding[];
      readonly records: readonly FindingRecord[];
    }
  | {
      readonly ok: false;
      readonly rejected: readonly { readonly name: string; readonly problems: readonly BundleProblem[] }[];
    };

export interface ReviewOptions {
  readonly rules: readonly RuleFile[];
  /** The date the rules see as "now" (YYYY-MM-DD). */
  readonly now: string;
  readonly settings?: EvaluationSettings;
}

/**
 * A document review that needs no database: the bundles' events are decided by the same importer and
 * folded by the same code as a stored batch, but kept in memory; every year of each document is
 * evaluated at once (its last year), and each finding is reported once. A review reports defects of what
 * the documents say, never what a store lacks (no compliance rules).
 */
export async function reviewBundles(
  inputs: readonly ReviewInput[],
  options: ReviewOptions,
): Promise<ReviewOutcome> {
  const store = new MemoryEventStore();
  const importer = new BundleImporter(store);
  const context = {
    actor: { id: 'review', kind: 'system' as const, name: 'sakip review' },
    now: `${options.now}T00:00:00.000Z`,
    correlationId: 'review',
  };
  const summaries: { name: string; summary: ImportSummary }[] = [];
  const rejected: { name: string; problems: readonly BundleProblem[] }[] = [];
  for (const { name, bundle, reading } of inputs) {
    if (reading && reading.problems.length > 0) {
      rejected.push({ name, problems: reading.allProblems(await importer.validate(bundle)) });
      continue;
    }
    const outcome = await importer.import(bundle, context);
    if (!outcome.ok)
      rejected.push({ name, problems: reading ? reading.allProblems(outcome.problems) : outcome.problems });
    else if (!reading) summaries.push({ name, summary: outcome.summary });
    else
      summaries.push({
        name,
        summary: { ...outcome.summary, warnings: reading.locateWarnings(outcome.summary.warnings) },
      });
  }
  if (rejected.length > 0) return { ok: false, rejected };

  // The rules library is loaded by the first review, not by every command that can review (start-up).
  const { buildFactSets, foldOrganisation, RuleSet } = await import('@sakip/rules');
  const ruleSet = new RuleSet(options.rules);
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const findings: Finding[] = [];
  const organisations = [...new Set(summaries.map((s) => s.summary.organisationId))];
  for (const organisationId of organisations) {
    const events = await store.readAll({ after: START, partitionKey: organisationId });
    const model = foldOrganisation(organisationId, events);
    const lastYear = Math.max(...[...model.documents.values()].map((d) => d.period.end));
    const sets = buildFactSets(model, { evaluationYear: lastYear, now: options.now, settings }, ['review']);
    ruleSet.evaluate(sets, (finding) => findings.push(finding));
  }
  const unique = uniqueFindings(findings);
  return {
    ok: true,
    documents: summaries.map(({ name, summary }) => ({
      name,
      organisationId: summary.organisationId,
      documentId: summary.documentId,
      title: summary.documentTitle,
      kind: summary.documentKind,
      period: summary.period,
      warnings: summary.warnings,
    })),
    findings: unique,
    records: unique.map(findingRecord),
  };
}
