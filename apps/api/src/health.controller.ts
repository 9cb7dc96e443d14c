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
  @ApiOperation({
    summary:
      'Whether the API and its store answer: 200 {"status":"ok"}, or 503 when the store cannot be reached',
  })
  health(): Promise<{ status: 'ok' }> {
    return this.app.health();
  }
}
