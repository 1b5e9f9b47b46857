import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { SearchController } from './search.controller';
import { SearchReadModel } from './search.read-model';
import { SearchService } from './search.service';

@Module({
  imports: [BodiesModule],
  controllers: [SearchController],
  providers: [SearchService, SearchReadModel],
  exports: [SearchReadModel],
})
export class SearchModule {}
