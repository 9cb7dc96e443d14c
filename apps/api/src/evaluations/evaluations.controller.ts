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
import { DryRunDto, EvaluateDto, FindingsQueryDto } from './evaluations.dto';
import type {
  Application,
  BatchProgress,
  Caller,
  CommandResult,
  DryRunAnswer,
  FindingsAnswer,
  RuleCheck,
  StoredRuleSet,
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
    return this.app.evaluations.start(body, caller);
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
}

@ApiTags('rules')
@ApiBearerAuth()
@BodyLimit('rule')
@Controller('rules')
export class RulesController {
  constructor(@App() private readonly app: Application) {}

  @Get()
  @ApiOperation({ summary: 'The current rule-set version with every rule' })
  current(): Promise<StoredRuleSet | null> {
    return this.app.evaluations.currentRules();
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
    summary: 'Run a draft rule against the stored data and see what it would find (nothing is stored)',
  })
  dryRun(@Body() body: DryRunDto): Promise<DryRunAnswer> {
    return this.app.evaluations.dryRun(body);
  }

  @Post()
  @Roles('admin')
  @ApiBody({ schema: RULE_SCHEMA })
  @ApiOperation({
    summary:
      'Publish a rule (add or replace): a new rule-set version; refused when invalid or its examples fail',
  })
  publish(@Body() rule: unknown, @Ctx() caller: Caller): Promise<CommandResult> {
    return this.app.evaluations.publishRule(rule, caller);
  }

  @Delete(':area/:name')
  @Roles('admin')
  @ApiOperation({ summary: 'Retire a rule: a new rule-set version without it (stored batches keep theirs)' })
  retire(
    @Param('area') area: string,
    @Param('name') name: string,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.evaluations.retireRule(`${area}/${name}`, caller);
  }
}
