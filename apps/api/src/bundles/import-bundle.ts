import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@sakip/event-store';
import {
  actorOf,
  BundleImporter,
  importDocument,
  jsonDocument,
  workbookDocument,
  type Clock,
  type ImportSummary,
  mayWriteFor,
  organisationOutOfScope,
} from '@sakip/application';
import { BundleRejectedException } from '../shared/problem-details';
import type { RequestContext } from '../shared/request-context';
import { CLOCK, EVENT_STORE } from '../shared/tokens';

export class ImportBundleCommand extends Command<ImportSummary> {
  constructor(
    readonly bundle: unknown,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ImportBundleCommand)
export class ImportBundleHandler implements ICommandHandler<ImportBundleCommand> {
  private readonly importer: BundleImporter;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.importer = new BundleImporter(store);
  }

  async execute({ bundle, context }: ImportBundleCommand): Promise<ImportSummary> {
    // A workbook comes as the raw body (Content-Type of .xlsx); its reader makes the same bundle.
    const input = Buffer.isBuffer(bundle) ? await workbookDocument(bundle) : jsonDocument(bundle);
    const organisationId = (input.bundle as { organisation?: { id?: unknown } } | null)?.organisation?.id;
    if (typeof organisationId === 'string' && !mayWriteFor(context.principal, organisationId))
      throw organisationOutOfScope(organisationId);
    const outcome = await importDocument(this.importer, input, {
      actor: actorOf(context.principal),
      now: this.clock.now().toISOString(),
      correlationId: context.correlationId,
    });
    if (!outcome.ok) throw new BundleRejectedException(outcome.problems);
    return outcome.summary;
  }
}
