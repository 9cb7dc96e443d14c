import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { XLSX_MEDIA_TYPE, type Application, type UploadReview } from '@sakip/application';
import { BodyLimit, DOCUMENT_REQUEST_BODY } from '../shared/json-body';
import { App } from '../shared/tokens';

export class ReviewQueryDto {
  @ApiPropertyOptional({
    description: 'The date the rules see as "now" (default: today)',
    example: '2026-11-30',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'now must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  now?: string;
}

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(@App() private readonly app: Application) {}

  @Post()
  @HttpCode(200)
  @BodyLimit('bundle')
  @ApiOperation({
    summary:
      'Review a document before submitting it: the findings the published rules report on it (as "sakip review"); nothing is stored',
    description:
      `The same bodies as POST /bundles: a sakip-bundle JSON, or a SAKIP workbook sent raw with Content-Type ${XLSX_MEDIA_TYPE}. ` +
      "A document that cannot be read answers 200 with ok: false and every problem (a workbook's at its sheet and cell).",
    requestBody: DOCUMENT_REQUEST_BODY,
  })
  @ApiOkResponse({
    description: '{ ok: true, now, ruleSet, documents, total, findings, summary } or { ok: false, rejected }',
  })
  review(@Body() bundle: unknown, @Query() q: ReviewQueryDto): Promise<UploadReview> {
    return this.app.reviews.review(bundle, q);
  }
}
