import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../shared/auth/auth.guard';
import type { CommandResult, IndicatorDetail, IndicatorHistory } from '@sakip/application';
import { Ctx, type RequestContext } from '../shared/request-context';
import {
  CorrectRealisationDto,
  IndicatorReadDto,
  ReportRealisationDto,
  ReviseTargetDto,
  SetAgreementTargetDto,
} from './indicator.dto';
import { ChangeIndicatorCommand, GetIndicatorHistoryQuery, GetIndicatorQuery } from './indicators.cqrs';

const REF = { name: 'ref', description: '"<organisation>:<indicator>", e.g. "dinsos-karanganyar:S1-I1"' };
const WRITTEN = { description: 'Stored: the new version, the event position (for ?waitFor=) and the events' };

@ApiTags('indicators')
@ApiBearerAuth()
@ApiParam(REF)
@Controller('indicators/:ref')
export class IndicatorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Indicator with every period: targets, PK target, realisation, computed achievement',
  })
  get(@Param('ref') ref: string, @Query() q: IndicatorReadDto): Promise<IndicatorDetail> {
    return this.queries.execute(new GetIndicatorQuery(ref, q.asOf, q.basis));
  }

  @Get('history')
  @ApiOperation({
    summary: 'Why did this change: every value with who, when, why, on what basis, from which document',
  })
  history(@Param('ref') ref: string, @Query() q: IndicatorReadDto): Promise<IndicatorHistory> {
    return this.queries.execute(new GetIndicatorHistoryQuery(ref, q.asOf, q.basis));
  }

  @Post('target-revisions')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Revise a target (reason and a legal basis or document reference required)' })
  @ApiCreatedResponse(WRITTEN)
  reviseTarget(
    @Param('ref') ref: string,
    @Body() body: ReviseTargetDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeIndicatorCommand(ref, 'ReviseTarget', body, ctx));
  }

  @Post('agreement-targets')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Set the performance agreement (PK) target of a year' })
  @ApiCreatedResponse(WRITTEN)
  setAgreementTarget(
    @Param('ref') ref: string,
    @Body() body: SetAgreementTargetDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeIndicatorCommand(ref, 'SetAgreementTarget', body, ctx));
  }

  @Post('realisations')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Report the realisation of a period' })
  @ApiCreatedResponse(WRITTEN)
  reportRealisation(
    @Param('ref') ref: string,
    @Body() body: ReportRealisationDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeIndicatorCommand(ref, 'ReportRealisation', body, ctx));
  }

  @Post('realisation-corrections')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Correct a reported realisation (reason required)' })
  @ApiCreatedResponse(WRITTEN)
  correctRealisation(
    @Param('ref') ref: string,
    @Body() body: CorrectRealisationDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeIndicatorCommand(ref, 'CorrectRealisation', body, ctx));
  }
}
