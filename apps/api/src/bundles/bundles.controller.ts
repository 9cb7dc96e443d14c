import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BUNDLE_SCHEMA, type Application, type Caller, type ImportSummary } from '@sakip/application';
import { Roles } from '../shared/auth/auth.guard';
import { BodyLimit } from '../shared/json-body';
import { Ctx } from '../shared/request-context';
import { App } from '../shared/tokens';

@ApiTags('bundles')
@ApiBearerAuth()
@Controller('bundles')
export class BundlesController {
  constructor(@App() private readonly app: Application) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'planner')
  @BodyLimit('bundle')
  @ApiOperation({
    summary:
      'Import a sakip-bundle/2 (or /1) document (all or nothing; re-importing the same content writes nothing)',
  })
  @ApiBody({ schema: BUNDLE_SCHEMA as object })
  @ApiOkResponse({
    description: 'What the bundle holds and what was stored; 422 with every problem when rejected',
  })
  import(@Body() bundle: unknown, @Ctx() caller: Caller): Promise<ImportSummary> {
    return this.app.bundles.import(bundle, caller);
  }
}
