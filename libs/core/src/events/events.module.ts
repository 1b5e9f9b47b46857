import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { DeliveryLedger } from './delivery-ledger';
import { EventRecorder } from './event-recorder';

@Global()
@Module({ providers: [EventRecorder, AuditLogService, DeliveryLedger], exports: [EventRecorder, AuditLogService, DeliveryLedger] })
export class EventsModule {}
