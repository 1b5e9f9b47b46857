import { Module } from '@nestjs/common';

/** The action-items jobs that run in the worker process (processors, repeatable scans). */
@Module({})
export class ActionItemsWorkerModule {}
