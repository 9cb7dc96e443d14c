import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { parsePosition } from '@sakip/event-store';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { Infrastructure } from '@sakip/application';
import { ProblemException } from './problem-details';
import { INFRASTRUCTURE } from './tokens';

/** How long a query waits for the read models to reach the position it asked for. */
export const WAIT_FOR_TIMEOUT_MS = 10_000;

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
  constructor(@Inject(INFRASTRUCTURE) private readonly infra: Infrastructure) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const waitFor = request.method === 'GET' ? request.query['waitFor'] : undefined;
    if (typeof waitFor === 'string' && /^\d+:\d+$/.test(waitFor)) {
      const reached = await this.infra.projector.waitFor(parsePosition(waitFor), WAIT_FOR_TIMEOUT_MS);
      if (!reached)
        throw new ProblemException(
          503,
          'READ_MODELS_BEHIND',
          {
            id: `Model baca belum mencapai posisi ${waitFor} dalam ${WAIT_FOR_TIMEOUT_MS / 1000} detik; coba lagi sebentar lagi.`,
            en: `The read models have not reached position ${waitFor} within ${WAIT_FOR_TIMEOUT_MS / 1000} s; retry shortly.`,
          },
          { waitFor, retryAfterSeconds: 2 },
        );
    }
    return next.handle();
  }
}

/** Runs the projector inside the API process when the settings ask for it (always on the embedded store). */
@Injectable()
export class InProcessProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(INFRASTRUCTURE) private readonly infra: Infrastructure) {}

  onApplicationBootstrap(): void {
    if (this.infra.settings.inProcessProjector) this.infra.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.infra.projector.stop();
  }
}
