import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { RealtimeDelivery } from './realtime-delivery.service';
import { RealtimeGateway } from './realtime.gateway';

/** The socket.io gateway and the consumer of the realtime queue (the socket.io adapter is set in bootstrap.ts). */
@Module({
  imports: [BodiesModule],
  providers: [RealtimeGateway, RealtimeDelivery],
})
export class RealtimeModule {}
