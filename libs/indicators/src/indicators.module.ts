import './indicators.translations';
import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { MeetingsModule } from '@forum/meetings';
import { IndicatorLocator } from './indicator.locator';
import { IndicatorRepository } from './indicator.repository';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [BodiesModule, MeetingsModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsService, IndicatorRepository, IndicatorLocator],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
