import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { BundlesModule } from './bundles/bundles.module';
import { HealthController } from './health.controller';
import { IndicatorsModule } from './indicators/indicators.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { KeysModule } from './keys/keys.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { InProcessProjector, ReadYourWritesInterceptor } from './shared/read-your-writes';
import type { Clock, Infrastructure } from '@sakip/application';
import { ApiKeyGuard } from './shared/auth/auth.guard';
import { InfrastructureModule } from './shared/infrastructure.module';
import { ProblemDetailsFilter } from './shared/problem-details';

@Module({})
export class AppModule {
  static with(infra: Infrastructure, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        InfrastructureModule.forRoot(infra, clock),
        BundlesModule,
        IndicatorsModule,
        OrganisationsModule,
        KeysModule,
        EvaluationsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        InProcessProjector,
      ],
    };
  }
}
