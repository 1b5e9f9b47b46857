import { Module } from '@nestjs/common';

/** The communiques jobs that run in the worker process (processors, repeatable scans). */
@Module({})
export class CommuniquesWorkerModule {}
