import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { EventRecorder } from './event-recorder';

@Global()
@Module({ providers: [EventRecorder, AuditLogService], exports: [EventRecorder, AuditLogService] })
export class EventsModule {}
