import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { LOCALES, USER_ROLES, type Locale, type UserRole } from '@forum/contracts';
import { PageQuery } from '@forum/core';
import { EMAIL_DELIVERIES, type EmailDelivery } from './delivery.rule';

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only the notifications not read yet' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  unread?: boolean;
}

/** One field per category; a field left out keeps its current choice. */
export class NotificationPreferencesDto {
  @ApiPropertyOptional({ enum: EMAIL_DELIVERIES })
  @IsOptional()
  @IsIn(EMAIL_DELIVERIES)
  meetings?: EmailDelivery;

  @ApiPropertyOptional({ enum: EMAIL_DELIVERIES })
  @IsOptional()
  @IsIn(EMAIL_DELIVERIES)
  action_items?: EmailDelivery;

  @ApiPropertyOptional({ enum: EMAIL_DELIVERIES })
  @IsOptional()
  @IsIn(EMAIL_DELIVERIES)
  communiques?: EmailDelivery;

  @ApiPropertyOptional({ enum: EMAIL_DELIVERIES })
  @IsOptional()
  @IsIn(EMAIL_DELIVERIES)
  membership?: EmailDelivery;

  @ApiPropertyOptional({ enum: ['immediately'], description: 'account emails are always sent at once' })
  @IsOptional()
  @IsIn(['immediately'])
  account?: EmailDelivery;
}

export class InviteUserDto {
  @ApiProperty({ example: 'official@ontario.ca' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Jordan Tremblay' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ description: 'required for officials' })
  @IsOptional()
  @IsUUID()
  governmentId?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'the language of the invitation and of later emails' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;
}

export class SetPasswordWithTokenDto {
  @ApiProperty({ description: 'the token from the emailed link' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}
