import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Application } from '@sakip/application';
import { APPLICATION } from './tokens';

/** Makes the already-opened application injectable everywhere: the one provider of the Nest door. */
@Global()
@Module({})
export class ApplicationModule {
  static forRoot(application: Application): DynamicModule {
    return {
      module: ApplicationModule,
      providers: [{ provide: APPLICATION, useValue: application }],
      exports: [APPLICATION],
    };
  }
}
