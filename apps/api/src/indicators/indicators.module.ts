import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller';
import { ChangeIndicatorHandler, GetIndicatorHandler, GetIndicatorHistoryHandler } from './indicators.cqrs';

@Module({
  controllers: [IndicatorsController],
  providers: [ChangeIndicatorHandler, GetIndicatorHandler, GetIndicatorHistoryHandler],
})
export class IndicatorsModule {}
