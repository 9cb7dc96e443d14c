import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PERIOD_PATTERN, type RawValue } from '@sakip/domain';
import { IsRawValue } from '../shared/raw-value';
import { ReadQueryDto } from '../shared/read-your-writes';

const DATE = { strict: true } as const;
const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';

/** Optimistic concurrency: the version of the indicator the caller saw (GET /indicators/:ref → indicator.version). */
abstract class VersionedDto {
  @ApiProperty({
    description: 'The indicator version you saw; a different current version answers 409',
    example: 12,
  })
  @IsInt()
  @Min(0)
  expectedVersion!: number;
}

abstract class YearDto extends VersionedDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(1900)
  @Max(2200)
  year!: number;
}

export class ReviseTargetDto extends YearDto {
  @IsRawValue('The new target, as written (number, "85,5", "BB", …)')
  value!: RawValue;

  @ApiProperty({
    description: 'Why the target changes (required)',
    example: 'Penyesuaian anggaran perubahan',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    description: 'Legal basis (this or documentReference is required)',
    example: 'Perbup 12/2025',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;

  @ApiPropertyOptional({ description: 'Document the revision comes from', example: 'Renstra Perubahan 2025' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  documentReference?: string;

  @ApiProperty({ description: 'Date the revision takes effect', example: '2025-07-01' })
  @Matches(DATE_FORMAT, { message: `effectiveOn ${DATE_MESSAGE}` })
  @IsISO8601(DATE)
  effectiveOn!: string;
}

export class SetAgreementTargetDto extends YearDto {
  @IsRawValue('The target in the performance agreement (PK), as written')
  value!: RawValue;

  @ApiPropertyOptional({ example: '2025-01-15' })
  @IsOptional()
  @Matches(DATE_FORMAT, { message: `signedOn ${DATE_MESSAGE}` })
  @IsISO8601(DATE)
  signedOn?: string;

  @ApiPropertyOptional({ description: 'The PK document id, when it was imported' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentId?: string;
}

abstract class PeriodDto extends VersionedDto {
  @ApiProperty({
    description: 'Year "2025", quarter "2025-Q1", semester "2025-S1" or month "2025-03"',
    example: '2025',
  })
  @IsString()
  @Matches(PERIOD_PATTERN, { message: 'period must be "2025", "2025-Q1", "2025-S1" or "2025-03"' })
  period!: string;

  @IsRawValue('The realisation, as written')
  value!: RawValue;

  @IsOptional()
  @IsRawValue('The achievement (capaian) the report states, as written — kept even when it does not match', {
    optional: true,
  })
  reportedAchievement?: RawValue;
}

export class ReportRealisationDto extends PeriodDto {
  @ApiPropertyOptional({ example: '2026-01-20' })
  @IsOptional()
  @Matches(DATE_FORMAT, { message: `reportedOn ${DATE_MESSAGE}` })
  @IsISO8601(DATE)
  reportedOn?: string;

  @ApiPropertyOptional({ description: 'The report (e.g. LKjIP) document id, when it was imported' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentId?: string;
}

export class CorrectRealisationDto extends PeriodDto {
  @ApiProperty({
    description: 'Why the realisation is corrected (required)',
    example: 'Salah ketik di LKjIP',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '2026-02-03' })
  @IsOptional()
  @Matches(DATE_FORMAT, { message: `correctedOn ${DATE_MESSAGE}` })
  @IsISO8601(DATE)
  correctedOn?: string;
}

export class IndicatorReadDto extends ReadQueryDto {
  @ApiPropertyOptional({
    description: 'Show the values on record at the end of this date',
    example: '2024-03-01',
  })
  @IsOptional()
  @Matches(DATE_FORMAT, { message: `asOf ${DATE_MESSAGE}` })
  @IsISO8601(DATE)
  asOf?: string;

  @ApiPropertyOptional({
    enum: ['recorded', 'effective'],
    description: 'asOf by when values were recorded (default) or by when they took effect',
  })
  @IsOptional()
  @IsIn(['recorded', 'effective'])
  basis?: 'recorded' | 'effective';
}
