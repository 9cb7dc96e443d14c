import type { Clock } from '../shared/clock';
import type { Caller } from '../shared/caller';
import { errors } from '../errors/catalogue';
import { checkScope } from '../shared/principal';
import type { BundleImporter, ImportOutcome, ImportProgress, ImportSummary } from './bundle-import';

/** Importing sakip-bundle/1 documents, for the API and the CLI: who may, and when. */
export class BundleImports {
  constructor(
    private readonly importer: BundleImporter,
    private readonly clock: Clock,
  ) {}

  /** Validates and stores a bundle, all or nothing; a rejected bundle answers with every problem. */
  tryImport(
    input: unknown,
    caller: Caller,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportOutcome> {
    const organisationId = (input as { organisation?: { id?: unknown } } | null)?.organisation?.id;
    if (typeof organisationId === 'string') checkScope(caller.principal, organisationId);
    return this.importer.import(input, {
      actor: caller.actor,
      now: this.clock.now().toISOString(),
      correlationId: caller.correlationId,
      ...(onProgress ? { onProgress } : {}),
    });
  }

  /** As `tryImport`, but a rejected bundle is an error (BUNDLE_REJECTED, with every problem). */
  async import(input: unknown, caller: Caller): Promise<ImportSummary> {
    const outcome = await this.tryImport(input, caller);
    if (!outcome.ok) throw errors.bundleRejected(outcome.problems);
    return outcome.summary;
  }
}
