import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { GOVERNMENT_LEVELS, type GovernmentLevel } from '@forum/contracts';
import { IANAZone } from 'luxon';

@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && !/^(UTC|GMT)?[+-]\d/.test(value) && IANAZone.isValidZone(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone name such as America/Toronto';
  }
}

export class CreateGovernmentDto {
  @ApiPropertyOptional({
    example: "le gouvernement de l'Ontario",
    description: 'the French name with its article, as it opens a generated sentence; derived from nameFr when absent',
  })
  @IsOptional()
  @IsString()
  @MaxLength(220)
  nameFrWithArticle?: string;

  @ApiProperty({ example: 'ON', description: 'unique; up to 32 letters, digits, hyphens or underscores (ISO-style codes such as ON, QC, TOR)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1–32 letters, digits, hyphens or underscores' })
  code: string;

  @ApiProperty({ example: 'Government of Ontario' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  nameEn: string;

  @ApiProperty({ example: "Gouvernement de l'Ontario" })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  nameFr: string;

  @ApiProperty({ enum: GOVERNMENT_LEVELS })
  @IsIn(GOVERNMENT_LEVELS)
  level: GovernmentLevel;

  @ApiProperty({ example: 'America/Toronto' })
  @IsString()
  @MaxLength(64)
  @Validate(IsIanaTimeZone)
  timeZone: string;
}
