import { Module } from '@nestjs/common';
import { EmailHandler } from './email.handler';
import { Mailer } from './mailer.service';
import { NotificationFanout } from './notification-fanout.handler';
import { AccountTokenRepository, NotificationPreferenceRepository, NotificationRepository } from './notification.repository';

/**
 * The worker side: the handlers of the notifications and email queues. The worker app owns the BullMQ
 * workers that call them (their concurrency, locks and graceful close).
 */
@Module({
  providers: [NotificationFanout, EmailHandler, Mailer, NotificationRepository, NotificationPreferenceRepository, AccountTokenRepository],
  exports: [NotificationFanout, EmailHandler],
})
export class NotificationsWorkerModule {}
