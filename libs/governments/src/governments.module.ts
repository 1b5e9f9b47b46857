import { Module } from '@nestjs/common';
import { GovernmentRepository } from './government.repository';
import { GovernmentsController } from './governments.controller';
import { GovernmentsService } from './governments.service';

@Module({
  controllers: [GovernmentsController],
  providers: [GovernmentsService, GovernmentRepository],
  exports: [GovernmentsService, GovernmentRepository],
})
export class GovernmentsModule {}
