import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
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
import { Ctx } from '../shared/request-context';
import { App } from '../shared/tokens';
import type { ApiKeys, Application, Caller, CommandResult, IssuedKey } from '@sakip/application';

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

/** API keys: only admins issue, list and revoke them. */
@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('keys')
export class KeysController {
  constructor(@App() private readonly app: Application) {}

  @Post()
  @ApiOperation({ summary: 'Issue a key; the token in the answer is shown this once' })
  @ApiCreatedResponse({ description: 'The new key with its token' })
  issue(@Body() body: IssueKeyDto, @Ctx() caller: Caller): Promise<IssuedKey> {
    return this.app.keys.issue(body, caller);
  }

  @Get()
  @ApiOperation({ summary: 'Every key (never the secret)' })
  list(): ReturnType<ApiKeys['list']> {
    return this.app.keys.list();
  }

  @Delete(':keyId')
  @ApiOperation({ summary: 'Revoke a key' })
  revoke(
    @Param('keyId') keyId: string,
    @Query() q: RevokeKeyDto,
    @Ctx() caller: Caller,
  ): Promise<CommandResult> {
    return this.app.keys.revoke(keyId, q.reason, caller);
  }
}
