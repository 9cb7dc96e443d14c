import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { Application } from '@sakip/application';
import { App } from './tokens';

/** Query parameters every read accepts. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'Read your writes: a position returned by a command ("commit:sequence"); the answer waits until the read models reached it (503 after 10 s)',
    example: '1042:7',
  })
  @IsOptional()
  @Matches(/^\d+:\d+$/, { message: 'waitFor must be a position "commit:sequence"' })
  waitFor?: string;
}

/** Holds a read back until the read models have processed `?waitFor=<position>`. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(@App() private readonly app: Application) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const waitFor = request.method === 'GET' ? request.query['waitFor'] : undefined;
    if (typeof waitFor === 'string' && /^\d+:\d+$/.test(waitFor)) await this.app.readModelsAt(waitFor);
    return next.handle();
  }
}

/** Runs the projector inside the API process when the settings ask for it (always on the embedded store). */
@Injectable()
export class InProcessProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@App() private readonly app: Application) {}

  onApplicationBootstrap(): void {
    this.app.startProjector();
  }

  onApplicationShutdown(): Promise<void> {
    return this.app.stopProjector();
  }
}
