import { Body, Controller, Delete, Get, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@sakip/domain';
import { Roles } from '../shared/auth/auth.guard';
import { Ctx, type RequestContext } from '../shared/request-context';
import { actorOf, ApiKeys, type CommandResult, type IssuedKey } from '@sakip/application';

export class IssueKeyDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    type: [String],
    description: 'For planners: the organisations the key may write for',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  organisations?: string[];

  @ApiProperty({ example: 'Perencana Dinsos' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;
}

export class RevokeKeyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** API keys: only admins issue, list and revoke them. Key management is not a domain write, so no CQRS bus. */
@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('keys')
export class KeysController {
  constructor(@Inject(ApiKeys) private readonly keys: ApiKeys) {}

  @Post()
  @ApiOperation({ summary: 'Issue a key; the token in the answer is shown this once' })
  @ApiCreatedResponse({ description: 'The new key with its token' })
  issue(@Body() body: IssueKeyDto, @Ctx() ctx: RequestContext): Promise<IssuedKey> {
    return this.keys.issue(body, actorOf(ctx.principal), ctx.correlationId);
  }

  @Get()
  @ApiOperation({ summary: 'Every key (never the secret)' })
  list(): ReturnType<ApiKeys['list']> {
    return this.keys.list();
  }

  @Delete(':keyId')
  @ApiOperation({ summary: 'Revoke a key' })
  revoke(
    @Param('keyId') keyId: string,
    @Query() q: RevokeKeyDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandResult> {
    return this.keys.revoke(keyId, q.reason, actorOf(ctx.principal), ctx.correlationId);
  }
}
