import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../shared/auth/auth.guard';
import { Ctx, type RequestContext } from '../shared/request-context';
import { BUNDLE_SCHEMA as schema, type ImportSummary } from '@sakip/application';
import { ImportBundleCommand } from './import-bundle';

@ApiTags('bundles')
@ApiBearerAuth()
@Controller('bundles')
export class BundlesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'planner')
  @ApiOperation({
    summary:
      'Import a sakip-bundle/2 (or /1) document (all or nothing; re-importing the same content writes nothing)',
  })
  @ApiBody({ schema: schema as object })
  @ApiOkResponse({
    description: 'What the bundle holds and what was stored; 422 with every problem when rejected',
  })
  import(@Body() bundle: unknown, @Ctx() context: RequestContext): Promise<ImportSummary> {
    return this.commands.execute(new ImportBundleCommand(bundle, context));
  }
}
