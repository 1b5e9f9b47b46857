import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword, PASSWORD_MIN_LENGTH } from './password-policy';
import { LOCALES, USER_ROLES, type Locale, type UserRole } from '@forum/contracts';

export class CreateUserDto {
  @ApiProperty({ example: 'official@ontario.ca' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Jordan Tremblay' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 200, description: 'at least 12 characters, not a common password' })
  @IsString()
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ description: 'required for officials' })
  @IsOptional()
  @IsUUID()
  governmentId?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ description: 'false deactivates the account: its tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** PATCH /users/me: what a person changes about themselves. Role, government and email are refused (unknown fields). */
export class UpdateOwnAccountDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ nullable: true, description: "IANA zone; null means the government's", example: 'America/Toronto' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export type { UserView } from '@forum/contracts';
