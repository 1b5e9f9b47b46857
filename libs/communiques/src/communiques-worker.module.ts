import { Module } from '@nestjs/common';
import { EmbargoProcessor, EmbargoSweep } from './embargo.processor';
import { CommuniquesCoreModule } from './communiques.module';

/**
 * The communiqués jobs that run in the worker process: the embargo processor (queue `communique-embargoes`,
 * job `communiques.publish-embargoed`) and the sweep that publishes overdue embargoes on start.
 * Needs the worker's ForumConfigModule, DatabaseModule, EventsModule and QueueModule.
 */
@Module({
  imports: [CommuniquesCoreModule],
  providers: [EmbargoProcessor, EmbargoSweep],
  exports: [EmbargoSweep],
})
export class CommuniquesWorkerModule {}
