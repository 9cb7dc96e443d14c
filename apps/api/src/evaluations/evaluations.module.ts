import { Module } from '@nestjs/common';
import { EvaluationsController, RulesController } from './evaluations.controller';

@Module({ controllers: [EvaluationsController, RulesController] })
export class EvaluationsModule {}
