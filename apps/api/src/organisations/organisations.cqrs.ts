import { Inject } from '@nestjs/common';
import {
  Command,
  CommandHandler,
  Query,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { DomainError } from '@sakip/domain';
import type {
  DocumentView,
  IndicatorView,
  OrganisationView,
  ReadModels,
  SubmissionView,
  TreeNode,
} from '@sakip/read-models';
import { type Clock, type CommandResult, PlannerCommands, type SubmissionData } from '@sakip/application';
import { changeContextOf, type RequestContext } from '../shared/request-context';
import { CLOCK, READ_MODELS } from '../shared/tokens';

export class ListOrganisationsQuery extends Query<OrganisationView[]> {}

export class GetOrganisationQuery extends Query<OrganisationView & { documents: DocumentView[] }> {
  constructor(readonly organisationId: string) {
    super();
  }
}

export class ListIndicatorsQuery extends Query<IndicatorView[]> {
  constructor(readonly organisationId: string) {
    super();
  }
}

export class GetTreeQuery extends Query<{ document: DocumentView; tree: TreeNode[] }> {
  constructor(
    readonly organisationId: string,
    readonly documentId: string,
  ) {
    super();
  }
}

export class ListSubmissionsQuery extends Query<SubmissionView[]> {
  constructor(
    readonly organisationId?: string,
    readonly year?: number,
  ) {
    super();
  }
}

const unknownOrganisation = (organisationId: string) =>
  new DomainError(
    'UNKNOWN_ORGANISATION',
    { id: `Organisasi "${organisationId}" tidak ada.`, en: `There is no organisation "${organisationId}".` },
    'not-found',
    { organisationId },
  );

/** The reads of one organisation answer 404 for an organisation that is not on record. */
abstract class OrganisationReads {
  constructor(@Inject(READ_MODELS) protected readonly readModels: ReadModels) {}

  protected async organisation(organisationId: string): Promise<OrganisationView> {
    const organisation = await this.readModels.planTree.organisation(organisationId);
    if (!organisation) throw unknownOrganisation(organisationId);
    return organisation;
  }
}

@QueryHandler(ListOrganisationsQuery)
export class ListOrganisationsHandler
  extends OrganisationReads
  implements IQueryHandler<ListOrganisationsQuery>
{
  execute(): Promise<OrganisationView[]> {
    return this.readModels.planTree.organisations();
  }
}

@QueryHandler(GetOrganisationQuery)
export class GetOrganisationHandler extends OrganisationReads implements IQueryHandler<GetOrganisationQuery> {
  async execute({
    organisationId,
  }: GetOrganisationQuery): Promise<OrganisationView & { documents: DocumentView[] }> {
    return {
      ...(await this.organisation(organisationId)),
      documents: await this.readModels.planTree.documents(organisationId),
    };
  }
}

@QueryHandler(ListIndicatorsQuery)
export class ListIndicatorsHandler extends OrganisationReads implements IQueryHandler<ListIndicatorsQuery> {
  async execute({ organisationId }: ListIndicatorsQuery): Promise<IndicatorView[]> {
    await this.organisation(organisationId);
    return this.readModels.planTree.indicators(organisationId);
  }
}

@QueryHandler(GetTreeQuery)
export class GetTreeHandler extends OrganisationReads implements IQueryHandler<GetTreeQuery> {
  async execute({
    organisationId,
    documentId,
  }: GetTreeQuery): Promise<{ document: DocumentView; tree: TreeNode[] }> {
    await this.organisation(organisationId);
    const document = (await this.readModels.planTree.documents(organisationId)).find(
      (d) => d.documentId === documentId,
    );
    if (!document)
      throw new DomainError(
        'UNKNOWN_DOCUMENT',
        {
          id: `Dokumen "${documentId}" tidak ada untuk ${organisationId}.`,
          en: `There is no document "${documentId}" for ${organisationId}.`,
        },
        'not-found',
        { organisationId, documentId },
      );
    return { document, tree: await this.readModels.planTree.tree(organisationId, documentId) };
  }
}

@QueryHandler(ListSubmissionsQuery)
export class ListSubmissionsHandler extends OrganisationReads implements IQueryHandler<ListSubmissionsQuery> {
  async execute({ organisationId, year }: ListSubmissionsQuery): Promise<SubmissionView[]> {
    if (organisationId) await this.organisation(organisationId);
    return this.readModels.submissions.list(organisationId, year);
  }
}

export const ORGANISATION_QUERY_HANDLERS = [
  ListOrganisationsHandler,
  GetOrganisationHandler,
  ListIndicatorsHandler,
  GetTreeHandler,
  ListSubmissionsHandler,
];

export class RecordSubmissionCommand extends Command<CommandResult> {
  constructor(
    readonly organisationId: string,
    readonly body: SubmissionData & { readonly expectedVersion?: number },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RecordSubmissionCommand)
export class RecordSubmissionHandler implements ICommandHandler<RecordSubmissionCommand> {
  constructor(
    @Inject(PlannerCommands) private readonly planner: PlannerCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ organisationId, body, context }: RecordSubmissionCommand): Promise<CommandResult> {
    const { expectedVersion, ...data } = body;
    return this.planner.recordSubmission(
      organisationId,
      data,
      changeContextOf(context, this.clock.now().toISOString(), expectedVersion),
    );
  }
}
