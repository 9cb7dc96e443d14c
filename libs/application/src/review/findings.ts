import type {
  Bilingual,
  DefectClass,
  Finding,
  FactValue,
  RuleCategory,
  Severity,
  SubjectRef,
} from '@sakip/rules';

/**
 * A finding's identity: the rule, the document, every subject and the period (or none). A batch over
 * several years reports a year-independent finding once.
 */
export function findingIdentity(finding: Finding): string {
  const subjects = finding.subjects
    .map((s) => `${s.node ?? ''}/${s.indicator ?? ''}`)
    .sort()
    .join(',');
  return [
    finding.ruleId,
    finding.subject.organisationId,
    finding.subject.documentId ?? '',
    subjects,
    finding.subject.period ?? '',
  ].join('|');
}

/** Each finding once, in the order first seen. */
export function uniqueFindings(findings: Iterable<Finding>): Finding[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const finding of findings) {
    const identity = findingIdentity(finding);
    if (seen.has(identity)) continue;
    seen.add(identity);
    unique.push(finding);
  }
  return unique;
}

/** One finding as machine output (`sakip review --format jsonl`): bundle ids, class, message, evidence. */
export interface FindingRecord {
  readonly rule: string;
  readonly class: DefectClass;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly organisation: string;
  readonly document: string | null;
  readonly node: string | null;
  readonly indicator: string | null;
  readonly period: string | null;
  /** Every node or indicator the finding is about (two-sided findings name both). */
  readonly subjects: readonly SubjectRef[];
  readonly message: Bilingual;
  readonly evidence: Readonly<Record<string, FactValue>>;
}

export function findingRecord(finding: Finding): FindingRecord {
  return {
    rule: finding.ruleId,
    class: finding.class,
    category: finding.category,
    severity: finding.severity,
    organisation: finding.subject.organisationId,
    document: finding.subject.documentId,
    node: finding.subject.nodeId,
    indicator: finding.subject.indicatorId,
    period: finding.subject.period,
    subjects: finding.subjects,
    message: finding.message,
    evidence: finding.evidence.facts,
  };
}

/** Findings of one rule in one document, for people: one row with the count and the list. */
export interface FindingGroup {
  readonly rule: string;
  readonly class: DefectClass;
  readonly severity: Severity;
  readonly organisationId: string;
  readonly organisationName: string | null;
  readonly documentId: string | null;
  readonly documentTitle: string | null;
  readonly findings: readonly Finding[];
}

export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = [f.subject.organisationId, f.subject.documentId ?? '', f.ruleId].join('|');
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const rank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
  return [...groups.values()]
    .map((list) => {
      const first = list[0]!;
      return {
        rule: first.ruleId,
        class: first.class,
        severity: first.severity,
        organisationId: first.subject.organisationId,
        organisationName: first.subject.organisationName,
        documentId: first.subject.documentId,
        documentTitle: first.subject.documentTitle,
        findings: list,
      };
    })
    .sort(
      (a, b) =>
        a.organisationId.localeCompare(b.organisationId) ||
        (a.documentId ?? '').localeCompare(b.documentId ?? '') ||
        rank[a.severity] - rank[b.severity] ||
        a.rule.localeCompare(b.rule),
    );
}
