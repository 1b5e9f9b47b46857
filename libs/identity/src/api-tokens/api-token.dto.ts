import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@forum/contracts';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Ontario cabinet tracking tool' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'bound: the token reads and writes what this government’s officials may' })
  @IsOptional()
  @IsUUID()
  governmentId?: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_TOKEN_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_TOKEN_SCOPES, { each: true })
  scopes: ApiTokenScope[];

  @ApiPropertyOptional({ example: '2027-03-31T23:59:59-04:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  governmentId: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
