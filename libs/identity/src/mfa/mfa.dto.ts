import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class MfaEnrolDto {
  @ApiPropertyOptional({ description: 'the `mfaToken` of a login answering `mfaEnrolmentRequired` (instead of a bearer token)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  mfaToken?: string;
}

export class MfaVerifyDto extends MfaEnrolDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @MinLength(6)
  @MaxLength(6)
  code: string;
}

export class MfaLoginDto {
  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  mfaToken: string;

  @ApiProperty({ description: 'a 6-digit code, or one of the recovery codes' })
  @IsString()
  @MinLength(6)
  @MaxLength(20)
  code: string;
}
