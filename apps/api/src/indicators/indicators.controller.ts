import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  asOf,
  type Application,
  type Caller,
  type CommandResult,
  type IndicatorDetail,
  type IndicatorHistory,
} from '@sakip/application';
import { Roles } from '../shared/auth/auth.guard';
import { Ctx } from '../shared/request-context';
import { App } from '../shared/tokens';
import {
  CorrectRealisationDto,
  IndicatorReadDto,
  ReportRealisationDto,
  ReviseTargetDto,
  SetAgreementTargetDto,
} from './indicator.dto';

const REF = { name: 'ref', description: '"<organisation>:<indicator>", e.g. "dinsos-karanganyar:S1-I1"' };
const WRITTEN = { description: 'Stored: the new version, the event position (for ?waitFor=) and the events' };

@ApiTags('indicators')
@ApiBearerAuth()
@ApiParam(REF)
@Controller('indicators/:ref')
export class IndicatorsController {
  constructor(@App() private readonly app: Application) {}

  @Get()
  @ApiOperation({
    summary: 'Indicator with every period: targets, PK target, realisation, computed achievement',
  })
  get(@Param('ref') ref: string, @Query() q: IndicatorReadDto): Promise<IndicatorDetail> {
    return this.app.indicators.detail(ref, asOf(q.asOf, q.basis));
  }

  @Get('history')
  @ApiOperation({
    summary: 'Why did this change: every value with who, when, why, on what basis, from which document',
  })
  history(@Param('ref') ref: string, @Query() q: IndicatorReadDto): Promise<IndicatorHistory> {
    return this.app.indicators.history(ref, asOf(q.asOf, q.basis));
  }

  @Post('target-revisions')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Revise a target (reason and a legal basis or document reference required)' })
  @ApiCreatedResponse(WRITTEN)
  reviseTarget(
    @Param('ref') ref: string,
    @Body() body: ReviseTargetDto,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.planner.change(ref, 'ReviseTarget', body, caller);
  }

  @Post('agreement-targets')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Set the performance agreement (PK) target of a year' })
  @ApiCreatedResponse(WRITTEN)
  setAgreementTarget(
    @Param('ref') ref: string,
    @Body() body: SetAgreementTargetDto,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.planner.change(ref, 'SetAgreementTarget', body, caller);
  }

  @Post('realisations')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Report the realisation of a period' })
  @ApiCreatedResponse(WRITTEN)
  reportRealisation(
    @Param('ref') ref: string,
    @Body() body: ReportRealisationDto,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.planner.change(ref, 'ReportRealisation', body, caller);
  }

  @Post('realisation-corrections')
  @Roles('admin', 'planner')
  @ApiOperation({ summary: 'Correct a reported realisation (reason required)' })
  @ApiCreatedResponse(WRITTEN)
  correctRealisation(
    @Param('ref') ref: string,
    @Body() body: CorrectRealisationDto,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.planner.change(ref, 'CorrectRealisation', body, caller);
  }
}
