import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { whoAmI, type Application, type Caller, type Me, type SearchAnswer } from '@sakip/application';
import { ReadQueryDto } from '../shared/read-your-writes';
import { Ctx } from '../shared/request-context';
import { App } from '../shared/tokens';

export class SearchQueryDto extends ReadQueryDto {
  @ApiProperty({ description: 'Part of a name or code (case-insensitive)', example: 'miskin' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q!: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

@ApiTags('web')
@ApiBearerAuth()
@Controller()
export class SearchController {
  constructor(@App() private readonly app: Application) {}

  @Get('me')
  @ApiOperation({
    summary: 'The calling key: its role, the organisations it may act for (null: all), its label',
  })
  @ApiOkResponse({ description: '{ keyId, role, organisations: string[] | null, label? }' })
  me(@Ctx() caller: Caller): Me {
    return whoAmI(caller);
  }

  @Get('search')
  @ApiOperation({
    summary:
      'Organisations, documents, nodes and indicators by name or code (case-insensitive), within what the key may see',
  })
  search(@Query() q: SearchQueryDto, @Ctx() caller: Caller): Promise<SearchAnswer> {
    return this.app.search.search(q.q, caller, q.limit);
  }
}
