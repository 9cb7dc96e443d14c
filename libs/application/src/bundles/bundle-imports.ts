import type { Clock } from '../shared/clock';
import type { Caller } from '../shared/caller';
import { errors } from '../errors/catalogue';
import { checkScope } from '../shared/principal';
import {
  importDocument,
  isDocumentInput,
  jsonDocument,
  organisationIdOf,
  workbookDocument,
} from '../workbook/document-files';
import type { BundleImporter, ImportOutcome, ImportProgress, ImportSummary } from './bundle-import';

/** Importing documents (sakip-bundle JSON or a SAKIP workbook), for the API and the CLI: who may, and when. */
export class BundleImports {
  constructor(
    private readonly importer: BundleImporter,
    private readonly clock: Clock,
  ) {}

  /**
   * Validates and stores a document, all or nothing: a parsed JSON bundle, a workbook's bytes (its
   * reader makes the same bundle), or a document already read from a file. A rejected document answers
   * with every problem (a workbook's at their sheet and cell).
   */
  async tryImport(
    input: unknown,
    caller: Caller,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportOutcome> {
    const document = isDocumentInput(input)
      ? input
      : Buffer.isBuffer(input)
        ? await workbookDocument(input)
        : jsonDocument(input);
    const organisationId = organisationIdOf(document);
    if (organisationId !== undefined) checkScope(caller.principal, organisationId);
    return importDocument(this.importer, document, {
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
