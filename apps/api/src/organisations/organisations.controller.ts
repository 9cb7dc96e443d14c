import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Application, Caller, CommandResult } from '@sakip/application';
import type {
  DocumentView,
  IndicatorView,
  OrganisationView,
  SubmissionView,
  TreeNode,
} from '@sakip/read-models';
import { Roles } from '../shared/auth/auth.guard';
import { ReadQueryDto } from '../shared/read-your-writes';
import { Ctx } from '../shared/request-context';
import { App } from '../shared/tokens';
import { RecordSubmissionDto, SubmissionsReadDto } from './organisation.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller()
export class OrganisationsController {
  constructor(@App() private readonly app: Application) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Every organisation (OPD) on record' })
  list(@Query() _q: ReadQueryDto): Promise<OrganisationView[]> {
    return this.app.organisations.list();
  }

  @Get('organisations/:org')
  @ApiOperation({ summary: 'An organisation with its documents' })
  get(
    @Param('org') org: string,
    @Query() _q: ReadQueryDto,
  ): Promise<OrganisationView & { documents: DocumentView[] }> {
    return this.app.organisations.get(org);
  }

  @Get('organisations/:org/indicators')
  @ApiOperation({ summary: 'Every indicator of an organisation, with its version for commands' })
  indicators(@Param('org') org: string, @Query() _q: ReadQueryDto): Promise<IndicatorView[]> {
    return this.app.organisations.indicators(org);
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
    return this.app.organisations.tree(org, doc);
  }

  @Get('organisations/:org/submissions')
  @ApiOperation({ summary: 'Documents the organisation submitted, and when' })
  submissions(@Param('org') org: string, @Query() q: SubmissionsReadDto): Promise<SubmissionView[]> {
    return this.app.organisations.submissions(org, q.year);
  }

  @Get('submissions')
  @ApiOperation({ summary: 'Submissions of every organisation (optionally of one year)' })
  allSubmissions(@Query() q: SubmissionsReadDto): Promise<SubmissionView[]> {
    return this.app.organisations.submissions(undefined, q.year);
  }

  @Post('organisations/:org/submissions')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Record that a document (Renstra, Renja, PK, LKjIP) was submitted' })
  @ApiCreatedResponse({ description: 'Stored: version, position (for ?waitFor=) and events' })
  recordSubmission(
    @Param('org') org: string,
    @Body() body: RecordSubmissionDto,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.planner.recordSubmission(org, body, caller);
  }
}
