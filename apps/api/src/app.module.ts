import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Application } from '@sakip/application';
import { BundlesModule } from './bundles/bundles.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { HealthController } from './health.controller';
import { IndicatorsModule } from './indicators/indicators.module';
import { KeysModule } from './keys/keys.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReviewsModule } from './reviews/reviews.module';
import { SearchModule } from './search/search.module';
import { ApiKeyGuard } from './shared/auth/auth.guard';
import { ApplicationModule } from './shared/application.module';
import { JsonBodyInterceptor } from './shared/json-body';
import { ProblemDetailsFilter } from './shared/problem-details';
import { InProcessProjector, ReadYourWritesInterceptor } from './shared/read-your-writes';
import { OPERATOR_HOLDER, type OperatorHolder } from './shared/tokens';

@Module({})
export class AppModule {
  static with(application: Application, operator: OperatorHolder = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ApplicationModule.forRoot(application),
        BundlesModule,
        IndicatorsModule,
        OrganisationsModule,
        KeysModule,
        EvaluationsModule,
        SearchModule,
        ReviewsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        InProcessProjector,
        { provide: OPERATOR_HOLDER, useValue: operator },
      ],
    };
  }
}
