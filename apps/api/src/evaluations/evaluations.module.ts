import { Module } from '@nestjs/common';
import { EvaluationsController, RulesController } from './evaluations.controller';
import { EVALUATION_HANDLERS } from './evaluations.cqrs';

@Module({ controllers: [EvaluationsController, RulesController], providers: [...EVALUATION_HANDLERS] })
export class EvaluationsModule {}
