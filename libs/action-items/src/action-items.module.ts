import { ActionItemLocator } from './action-item.locator';
import './action-items.translations';
import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { GovernmentsModule } from '@forum/governments';
import { AccountabilityController } from './accountability.controller';
import { AccountabilityService } from './accountability.service';
import { ActionItemRepository, ActionItemUpdateRepository, DeadlineNoticeRepository } from './action-item.repository';
import { ActionItemsController } from './action-items.controller';
import { ActionItemsService } from './action-items.service';
import { DeadlineScanService } from './deadline-scan.service';

@Module({
  imports: [BodiesModule, GovernmentsModule],
  controllers: [ActionItemsController, AccountabilityController],
  providers: [
    ActionItemsService,
    AccountabilityService,
    DeadlineScanService,
    ActionItemRepository,
    ActionItemUpdateRepository,
    DeadlineNoticeRepository,
    ActionItemLocator,
  ],
  exports: [ActionItemsService, AccountabilityService, DeadlineScanService, ActionItemRepository],
})
export class ActionItemsModule {}
