import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatPosition } from '@sakip/event-store';
import type { Infrastructure } from '@sakip/application';
import { Public } from './shared/auth/auth.guard';
import { INFRASTRUCTURE } from './shared/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(INFRASTRUCTURE) private readonly infra: Infrastructure) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and the store in use' })
  async health(): Promise<{ status: 'ok'; store: string; head: string }> {
    return {
      status: 'ok',
      store: this.infra.store.description,
      head: formatPosition(await this.infra.store.headPosition()),
    };
  }
}
