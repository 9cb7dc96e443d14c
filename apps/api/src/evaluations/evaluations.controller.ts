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
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../shared/auth/auth.guard';
import { Ctx, type RequestContext } from '../shared/request-context';
import { DryRunDto, EvaluateDto, FindingsQueryDto } from './evaluations.dto';
import {
  DryRunRuleQuery,
  GetEvaluationQuery,
  GetFindingsQuery,
  GetRulesQuery,
  PublishRuleCommand,
  RetireRuleCommand,
  RunEvaluationCommand,
  ValidateRuleQuery,
  type BatchView,
  type DryRunAnswer,
  type FindingsAnswer,
} from './evaluations.cqrs';
import type { CommandResult, RuleCheck, StoredRuleSet } from '@sakip/application';
import { RULE_SCHEMA } from '@sakip/rules';
import { sendAnswer } from './send-answer';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin', 'inspector')
  @ApiOperation({
    summary: 'Run the current rule set over every organisation (or some) for a year; the batch is stored',
  })
  run(@Body() body: EvaluateDto, @Ctx() ctx: RequestContext): Promise<BatchView> {
    return this.commands.execute(new RunEvaluationCommand(body, ctx));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A stored batch: scope, event position, rule-set version, summary per organisation',
  })
  get(@Param('id') id: string): Promise<BatchView> {
    return this.queries.execute(new GetEvaluationQuery(id));
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
    return sendAnswer(await this.queries.execute(new GetFindingsQuery(id, q)), res);
  }
}

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The current rule-set version with every rule' })
  current(): Promise<StoredRuleSet | null> {
    return this.queries.execute(new GetRulesQuery());
  }

  @Post('validate')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ schema: RULE_SCHEMA })
  @ApiOperation({ summary: 'Check a rule: schema, fact catalogue, operators, and its examples' })
  validate(@Body() rule: unknown): Promise<RuleCheck> {
    return this.queries.execute(new ValidateRuleQuery(rule));
  }

  @Post('dry-run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Run a draft rule against the stored data and see what it would find (nothing is stored)',
  })
  dryRun(@Body() body: DryRunDto): Promise<DryRunAnswer> {
    return this.queries.execute(new DryRunRuleQuery(body));
  }

  @Post()
  @Roles('admin')
  @ApiBody({ schema: RULE_SCHEMA })
  @ApiOperation({
    summary:
      'Publish a rule (add or replace): a new rule-set version; refused when invalid or its examples fail',
  })
  publish(@Body() rule: unknown, @Ctx() ctx: RequestContext): Promise<CommandResult> {
    return this.commands.execute(new PublishRuleCommand(rule, ctx));
  }

  @Delete(':area/:name')
  @Roles('admin')
  @ApiOperation({ summary: 'Retire a rule: a new rule-set version without it (stored batches keep theirs)' })
  retire(
    @Param('area') area: string,
    @Param('name') name: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RetireRuleCommand(`${area}/${name}`, ctx));
  }
}
