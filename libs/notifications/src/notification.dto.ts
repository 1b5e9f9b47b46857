import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@forum/core';
import { CreateUserDto, IsAcceptablePassword } from '@forum/identity';
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

  @ApiPropertyOptional({ enum: EMAIL_DELIVERIES })
  @IsOptional()
  @IsIn(EMAIL_DELIVERIES)
  funding?: EmailDelivery;

  @ApiPropertyOptional({ enum: EMAIL_DELIVERIES })
  @IsOptional()
  @IsIn(EMAIL_DELIVERIES)
  indicators?: EmailDelivery;

  @ApiPropertyOptional({ enum: ['immediately'], description: 'account emails are always sent at once' })
  @IsOptional()
  @IsIn(['immediately'])
  account?: EmailDelivery;
}

/** An account created without a password: the invitee sets one through the emailed one-time link. */
export class InviteUserDto extends OmitType(CreateUserDto, ['password'] as const) {}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;
}

export class SetPasswordWithTokenDto {
  @ApiProperty({ description: 'the token from the emailed link' })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'at least 12 characters, not a common password' })
  @IsString()
  @IsAcceptablePassword()
  password: string;
}
