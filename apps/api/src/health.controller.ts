import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Application } from '@sakip/application';
import { Public } from './shared/auth/auth.guard';
import { App } from './shared/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@App() private readonly app: Application) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and the store in use' })
  health(): Promise<{ status: 'ok'; store: string; head: string }> {
    return this.app.health();
  }
}
