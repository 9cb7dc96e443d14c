import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  DocumentView,
  IndicatorView,
  OrganisationView,
  SubmissionView,
  TreeNode,
} from '@sakip/read-models';
import { RecordSubmissionDto, SubmissionsReadDto } from '../indicators/indicator.dto';
import { Roles } from '../shared/auth/auth.guard';
import type { CommandResult } from '@sakip/application';
import { ReadQueryDto } from '../shared/read-your-writes';
import { Ctx, type RequestContext } from '../shared/request-context';
import {
  GetOrganisationQuery,
  GetTreeQuery,
  ListIndicatorsQuery,
  ListOrganisationsQuery,
  ListSubmissionsQuery,
  RecordSubmissionCommand,
} from './organisations.cqrs';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller()
export class OrganisationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Every organisation (OPD) on record' })
  list(@Query() _q: ReadQueryDto): Promise<OrganisationView[]> {
    return this.queries.execute(new ListOrganisationsQuery());
  }

  @Get('organisations/:org')
  @ApiOperation({ summary: 'An organisation with its documents' })
  get(
    @Param('org') org: string,
    @Query() _q: ReadQueryDto,
  ): Promise<OrganisationView & { documents: DocumentView[] }> {
    return this.queries.execute(new GetOrganisationQuery(org));
  }

  @Get('organisations/:org/indicators')
  @ApiOperation({ summary: 'Every indicator of an organisation, with its version for commands' })
  indicators(@Param('org') org: string, @Query() _q: ReadQueryDto): Promise<IndicatorView[]> {
    return this.queries.execute(new ListIndicatorsQuery(org));
  }

  @Get('organisations/:org/documents/:doc/tree')
  @ApiOperation({
    summary: 'The performance tree of a document: tujuan → sasaran → program → kegiatan → sub-kegiatan',
  })
  tree(
    @Param('org') org: string,
    @Param('doc') doc: string,
    @Query() _q: ReadQueryDto,
  ): Promise<{ document: DocumentView; tree: TreeNode[] }> {
    return this.queries.execute(new GetTreeQuery(org, doc));
  }

  @Get('organisations/:org/submissions')
  @ApiOperation({ summary: 'Documents the organisation submitted, and when' })
  submissions(@Param('org') org: string, @Query() q: SubmissionsReadDto): Promise<SubmissionView[]> {
    return this.queries.execute(new ListSubmissionsQuery(org, q.year));
  }

  @Get('submissions')
  @ApiOperation({ summary: 'Submissions of every organisation (optionally of one year)' })
  allSubmissions(@Query() q: SubmissionsReadDto): Promise<SubmissionView[]> {
    return this.queries.execute(new ListSubmissionsQuery(undefined, q.year));
  }

  @Post('organisations/:org/submissions')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Record that a document (Renstra, Renja, PK, LKjIP) was submitted' })
  @ApiCreatedResponse({ description: 'Stored: version, position (for ?waitFor=) and events' })
  recordSubmission(
    @Param('org') org: string,
    @Body() body: RecordSubmissionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordSubmissionCommand(org, body, ctx));
  }
}
