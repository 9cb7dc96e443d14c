import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { XLSX_MEDIA_TYPE, type Application, type Caller, type ImportSummary } from '@sakip/application';
import { Roles } from '../shared/auth/auth.guard';
import { BodyLimit, DOCUMENT_REQUEST_BODY } from '../shared/json-body';
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
      'Import a sakip-bundle/2 (or /1) document, as JSON or as a SAKIP workbook (all or nothing; re-importing the same content writes nothing)',
    description:
      `A workbook (\`sakip template\`, \`sakip export --format xlsx\`) is sent as the raw body with Content-Type ${XLSX_MEDIA_TYPE}; ` +
      'its problems name the sheet and cell ("Indikator!C14"). See docs/workbook.md.',
    requestBody: DOCUMENT_REQUEST_BODY,
  })
  @ApiOkResponse({
    description:
      'What the bundle holds and what was stored; 422 with every problem when rejected (for a workbook, each at its sheet and cell)',
  })
  import(@Body() bundle: unknown, @Ctx() caller: Caller): Promise<ImportSummary> {
    return this.app.bundles.import(bundle, caller);
  }
}
