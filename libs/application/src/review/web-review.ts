import { loadRules, type Finding } from '@sakip/rules';
import { errors } from '../errors/catalogue';
import type { Evaluations } from '../evaluations/evaluations';
import { DEFAULT_RULES_DIR } from '../evaluations/rule-sets';
import type { EvaluationConfig } from '../settings/evaluation-config';
import type { Clock } from '../shared/clock';
import { jsonDocument, workbookDocument } from '../workbook/document-files';
import { reviewBundles, type ReviewedDocument } from './review';
import type { BundleProblem } from '../bundles/bundle-validation';

export type UploadReview =
  | {
      readonly ok: true;
      readonly now: string;
      /** The rules used: the published rule set (null: none published yet, the shipped rule files). */
      readonly ruleSet: { readonly version: number; readonly hash: string } | null;
      readonly documents: readonly ReviewedDocument[];
      readonly total: number;
      readonly findings: readonly Finding[];
      readonly summary: {
        readonly bySeverity: Readonly<Record<string, number>>;
        readonly byClass: Readonly<Record<string, number>>;
        readonly byRule: Readonly<Record<string, number>>;
      };
    }
  | {
      readonly ok: false;
      readonly rejected: readonly { readonly name: string; readonly problems: readonly BundleProblem[] }[];
    };

const countBy = (findings: readonly Finding[], key: (f: Finding) => string) => {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[key(f)] = (counts[key(f)] ?? 0) + 1;
  return counts;
};

/**
 * A review of an uploaded document before it is submitted (as `sakip review` computes it): the document
 * is imported into a memory store of its own, so nothing is stored.
 */
export class UploadReviews {
  constructor(
    private readonly evaluations: Evaluations,
    private readonly config: EvaluationConfig,
    private readonly clock: Clock,
  ) {}

  /** A parsed JSON bundle, or a workbook's bytes. */
  async review(input: unknown, options: { readonly now?: string } = {}): Promise<UploadReview> {
    const document = Buffer.isBuffer(input) ? await workbookDocument(input) : jsonDocument(input);
    const now = options.now ?? this.clock.now().toISOString().slice(0, 10);
    const published = await this.evaluations.currentRules();
    const rules = published?.rules ?? (await this.shippedRules());
    const outcome = await reviewBundles(
      [
        {
          name: document.format === 'xlsx' ? 'workbook.xlsx' : 'bundle.json',
          bundle: document.bundle,
          reading: document,
        },
      ],
      { rules, now, settings: this.config.settings },
    );
    if (!outcome.ok) return outcome;
    const { findings } = outcome;
    return {
      ok: true,
      now,
      ruleSet: published ? { version: published.version, hash: published.hash } : null,
      documents: outcome.documents,
      total: findings.length,
      findings,
      summary: {
        bySeverity: countBy(findings, (f) => f.severity),
        byClass: countBy(findings, (f) => f.class),
        byRule: countBy(findings, (f) => f.ruleId),
      },
    };
  }

  private async shippedRules() {
    const loaded = await loadRules(DEFAULT_RULES_DIR);
    if (loaded.problems.length > 0)
      throw errors.rulesInvalid(DEFAULT_RULES_DIR, loaded.problems.map((p) => p.file).join(', '));
    return loaded.rules;
  }
}
