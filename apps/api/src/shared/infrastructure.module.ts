import { Global, Module, type DynamicModule } from '@nestjs/common';
import {
  ApiKeys,
  type Clock,
  IndicatorQueries,
  type Infrastructure,
  PlannerCommands,
} from '@sakip/application';
import { CLOCK, EVENT_STORE, INFRASTRUCTURE, READ_MODELS, SQL_DATABASE } from './tokens';

/** Makes the already-opened infrastructure injectable everywhere. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(infra: Infrastructure, clock: Clock): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: INFRASTRUCTURE, useValue: infra },
        { provide: EVENT_STORE, useValue: infra.store },
        { provide: SQL_DATABASE, useValue: infra.db },
        { provide: CLOCK, useValue: clock },
        { provide: READ_MODELS, useValue: infra.readModels },
        { provide: ApiKeys, useFactory: () => new ApiKeys(infra.store, clock) },
        { provide: PlannerCommands, useFactory: () => new PlannerCommands(infra.store, infra.readModels) },
        {
          provide: IndicatorQueries,
          useFactory: () => new IndicatorQueries(infra.readModels, infra.achievement),
        },
      ],
      exports: [
        INFRASTRUCTURE,
        EVENT_STORE,
        SQL_DATABASE,
        READ_MODELS,
        CLOCK,
        ApiKeys,
        PlannerCommands,
        IndicatorQueries,
      ],
    };
  }
}
