import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@forum/contracts';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://cabinet.example.gc.ca/forum-hook' })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiPropertyOptional({ description: 'only this body’s events' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ description: 'only what this government’s officials may see' })
  @IsOptional()
  @IsUUID()
  governmentId?: string;
}

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  bodyId: string | null;
  governmentId: string | null;
  createdAt: string;
}

export interface WebhookDeliveryView {
  deliveryId: string;
  event: string;
  attempt: number;
  status: string;
  responseStatus: number | null;
  at: string;
}
