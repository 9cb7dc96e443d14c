import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DOCUMENT_KINDS, type DocumentKind } from '@sakip/domain';
import { ReadQueryDto } from '../shared/read-your-writes';

const DATE = { strict: true } as const;
const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';

export class RecordSubmissionDto {
  @ApiPropertyOptional({
    description: 'The organisation version you saw; submissions only add facts, so it may be left out',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind!: DocumentKind;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(1900)
  @Max(2200)
  year!: number;

  @ApiProperty({ example: '2026-02-28' })
  @Matches(DATE_FORMAT, { message: `submittedOn ${DATE_MESSAGE}` })
  @IsISO8601(DATE)
  submittedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentId?: string;
}

export class SubmissionsReadDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  year?: number;
}
