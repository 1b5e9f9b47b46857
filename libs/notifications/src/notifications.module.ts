import { Module } from '@nestjs/common';
import { GovernmentsModule } from '@forum/governments';
import { AccountLinksController, InvitationsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { AccountTokenRepository, NotificationPreferenceRepository, NotificationRepository } from './notification.repository';

/** The API side: the inbox, preferences, invitations and password resets. */
@Module({
  imports: [GovernmentsModule],
  controllers: [NotificationsController, InvitationsController, AccountLinksController],
  providers: [NotificationsService, AccountsService, NotificationRepository, NotificationPreferenceRepository, AccountTokenRepository],
  exports: [NotificationRepository],
})
export class NotificationsModule {}
