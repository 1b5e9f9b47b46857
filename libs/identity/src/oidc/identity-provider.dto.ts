import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';

export class IdentityProviderDto {
  @ApiProperty({ example: 'https://login.microsoftonline.com/<tenant>/v2.0' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  @MaxLength(500)
  issuer: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  clientId: string;

  @ApiProperty({ description: 'stored encrypted (AES-256-GCM, FORUM_SECRETS_KEY); never answered' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  clientSecret: string;

  @ApiProperty({ example: ['ontario.ca'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @Matches(/^[a-z0-9.-]+\.[a-z]{2,}$|^[a-z0-9-]+$/i, { each: true, message: 'each of emailDomains must be a domain name' })
  emailDomains: string[];

  @ApiPropertyOptional({ default: true, description: 'false: officials of this government may no longer sign in with a password' })
  @IsOptional()
  @IsBoolean()
  passwordLogin?: boolean;

  @ApiPropertyOptional({ default: false, description: 'a first sign-in with a verified email of emailDomains creates the official’s account' })
  @IsOptional()
  @IsBoolean()
  createAccounts?: boolean;
}

export interface IdentityProviderView {
  id: string;
  governmentId: string;
  issuer: string;
  clientId: string;
  emailDomains: string[];
  passwordLogin: boolean;
  createAccounts: boolean;
  updatedAt: string;
}
