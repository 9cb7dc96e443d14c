import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../shared/auth/auth.guard';
import { BodyLimit } from '../shared/json-body';
import { Ctx } from '../shared/request-context';
import { App } from '../shared/tokens';
import { BatchListQueryDto, CommentDto, DryRunDto, EvaluateDto, FindingsQueryDto } from './evaluations.dto';
import type {
  Application,
  BatchList,
  BatchProgress,
  Caller,
  CatalogueRuleDetail,
  CommandResult,
  ComparedDryRun,
  FactEntry,
  FindingDetail,
  FindingGroups,
  FindingsAnswer,
  PublishedRuleSetWithHistory,
  RuleCatalogue,
  RuleCheck,
} from '@sakip/application';
import { RULE_SCHEMA } from '@sakip/rules';
import { sendAnswer } from './send-answer';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(@App() private readonly app: Application) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'inspector')
  @ApiOperation({
    summary:
      'Start a batch: the published rule set over every organisation (or some) for a year. Answers 202 at once with the batch id; GET /evaluations/{id} shows its progress and, when done, the stored batch',
  })
  @ApiAcceptedResponse({ description: 'Started: { batchId, status: "running", progress }' })
  start(@Body() body: EvaluateDto, @Ctx() caller: Caller): Promise<BatchProgress> {
    return this.app.batches.start(body, caller);
  }

  @Get()
  @Roles('admin', 'inspector')
  @ApiOperation({
    summary:
      'Evaluation batches, newest first: running ones of this server first, then the stored ones (event position, rule-set version, who, when)',
  })
  list(@Query() q: BatchListQueryDto): Promise<BatchList> {
    return this.app.batches.list(q.limit ?? 50, q.offset ?? 0);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A batch: while running, its progress (organisations done of total); when done, the stored batch (scope, event position, rule-set version, summary per organisation); failed, why',
  })
  get(@Param('id') id: string): Promise<BatchProgress> {
    return this.app.evaluations.progress(id);
  }

  @Get(':id/findings')
  @ApiOperation({
    summary: 'Findings of a batch, filtered; format=csv or xlsx downloads a file with Indonesian headers',
  })
  async findings(
    @Param('id') id: string,
    @Query() q: FindingsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FindingsAnswer | StreamableFile> {
    return sendAnswer(await this.app.evaluations.findings(id, q), res);
  }

  @Get(':id/findings/groups')
  @Roles('admin', 'inspector')
  @ApiOperation({
    summary:
      'Findings counted per organisation, document and rule (the same filters as the list): most severe first',
  })
  groups(@Param('id') id: string, @Query() q: FindingsQueryDto): Promise<FindingGroups> {
    return this.app.batches.groups(id, q);
  }

  @Get(':id/findings/:findingId')
  @Roles('admin', 'inspector')
  @ApiOperation({
    summary:
      'One finding: its message, the rule, the evidence values with their source (document, table, page, row) and links to the indicator or node',
  })
  finding(@Param('id') id: string, @Param('findingId') findingId: string): Promise<FindingDetail> {
    return this.app.batches.finding(id, findingId);
  }
}

@ApiTags('rules')
@ApiBearerAuth()
@BodyLimit('rule')
@Controller('rules')
export class RulesController {
  constructor(@App() private readonly app: Application) {}

  @Get()
  @ApiOperation({
    summary: 'The current rule-set version with every rule, and the history of versions (who, when, comment)',
  })
  current(): Promise<PublishedRuleSetWithHistory | null> {
    return this.app.rulesAdmin.current();
  }

  @Get('catalogue')
  @ApiOperation({
    summary:
      'Every rule with its state: published (and whether its file differs), draft (a file not published), retired',
  })
  catalogue(): Promise<RuleCatalogue> {
    return this.app.rulesAdmin.catalogue();
  }

  @Get('catalogue/:area/:name')
  @ApiOperation({ summary: 'One rule: its published JSON and its rule file' })
  rule(@Param('area') area: string, @Param('name') name: string): Promise<CatalogueRuleDetail> {
    return this.app.rulesAdmin.rule(area, name);
  }

  @Get('facts')
  @ApiOperation({
    summary: 'The fact catalogue: every fact a rule may use, per scope, with type and meaning',
  })
  facts(): { facts: FactEntry[] } {
    return this.app.rulesAdmin.facts();
  }

  @Get('schema')
  @ApiOperation({ summary: 'The JSON Schema of a rule file' })
  schema(): object {
    return this.app.rulesAdmin.schema();
  }

  @Post('validate')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ schema: RULE_SCHEMA })
  @ApiOperation({ summary: 'Check a rule: schema, fact catalogue, operators, and its examples' })
  validate(@Body() rule: unknown): Promise<RuleCheck> {
    return this.app.evaluations.validateRule(rule);
  }

  @Post('dry-run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Run a draft rule against the stored data and see what it would find, beside the published rule of the same id (nothing is stored)',
  })
  dryRun(@Body() body: DryRunDto): Promise<ComparedDryRun> {
    return this.app.rulesAdmin.dryRun(body);
  }

  @Post()
  @Roles('admin')
  @ApiBody({
    schema: {
      oneOf: [
        RULE_SCHEMA,
        {
          type: 'object',
          required: ['rule'],
          properties: { rule: RULE_SCHEMA, comment: { type: 'string', maxLength: 2000 } },
        },
      ],
    },
  })
  @ApiOperation({
    summary:
      'Publish a rule (add or replace): a new rule-set version; refused when invalid or its examples fail. The body is the rule, or { rule, comment }',
  })
  publish(@Body() body: unknown, @Ctx() caller: Caller): Promise<CommandResult> {
    return this.app.rulesAdmin.publish(body, caller);
  }

  @Delete(':area/:name')
  @Roles('admin')
  @ApiOperation({ summary: 'Retire a rule: a new rule-set version without it (stored batches keep theirs)' })
  retire(
    @Param('area') area: string,
    @Param('name') name: string,
    @Body() body: CommentDto,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.evaluations.retireRule(`${area}/${name}`, caller, body?.comment);
  }
}
