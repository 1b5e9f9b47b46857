import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES } from '@forum/contracts';
import { PACKET_JOB, PacketBuilder, type PacketSpec } from './packet-builder';

/** Builds agenda packages in the worker, one at a time (bounded memory), into the document storage. */
@Processor(QUEUES.packets, { concurrency: 1 })
export class PacketProcessor extends WorkerHost {
  constructor(private readonly builder: PacketBuilder) {
    super();
  }

  async process(job: Job<PacketSpec>): Promise<{ size: number }> {
    if (job.name !== PACKET_JOB) throw new Error(`documents does not handle ${job.name} jobs`);
    return this.builder.build(job.data);
  }
}
