import { Module } from '@nestjs/common';

/** The meetings jobs that run in the worker process (processors, repeatable scans). */
@Module({})
export class MeetingsWorkerModule {}
