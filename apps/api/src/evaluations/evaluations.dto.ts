import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DEFECT_CLASS_NAMES, RULE_CATEGORIES, SEVERITIES } from '@sakip/rules';
import { ReadQueryDto } from '../shared/read-your-writes';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EvaluateDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;

  @ApiPropertyOptional({ type: [String], description: 'Only these organisations (default: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100_000)
  @IsString({ each: true })
  organisations?: string[];

  @ApiPropertyOptional({
    description: 'The date the rules see as "now" (default: today)',
    example: '2026-11-24',
  })
  @IsOptional()
  @Matches(DATE, { message: 'now must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  now?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: ['review', 'compliance'],
    description:
      'review: defects of what the documents say (default); compliance: what the store holds or lacks for the year',
  })
  @IsOptional()
  @IsArray()
  @IsIn(['review', 'compliance'], { each: true })
  kinds?: ('review' | 'compliance')[];

  @ApiPropertyOptional({ description: 'Review only this stored document (its own statements)' })
  @IsOptional()
  @IsString()
  document?: string;
}

export class DryRunDto extends EvaluateDto {
  @ApiProperty({
    description: 'A draft rule (the same JSON as a rule file)',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  rule!: Record<string, unknown>;
}

export class FindingsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() organisation?: string;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: string;
  @ApiPropertyOptional({ enum: RULE_CATEGORIES }) @IsOptional() @IsIn(RULE_CATEGORIES) category?: string;
  @ApiPropertyOptional({ description: 'rule id, e.g. smart/indicator-without-formula' })
  @IsOptional()
  @IsString()
  rule?: string;
  @ApiPropertyOptional({ enum: DEFECT_CLASS_NAMES, description: 'defect class (sakip-defects/1)' })
  @IsOptional()
  @IsIn(DEFECT_CLASS_NAMES)
  class?: string;
  @ApiPropertyOptional({ description: 'findings about this document (its id)' })
  @IsOptional()
  @IsString()
  document?: string;
  @ApiPropertyOptional({
    enum: ['json', 'csv', 'xlsx'],
    description: 'json (default), or a file to download',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
  @ApiPropertyOptional({ default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class BatchListQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class CommentDto {
  @ApiPropertyOptional({ description: 'Why (kept with the rule-set version)', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
