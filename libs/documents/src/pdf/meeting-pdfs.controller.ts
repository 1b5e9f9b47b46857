import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission } from '@forum/contracts';
import { Authorize, Caller, CurrentCaller, IdParam, On, Public, TargetKind, Sends } from '@forum/core';
import { PdfLanguageQuery } from '../document.dto';
import { contentDisposition } from '../http-content.rule';
import { MeetingPdfs, type PdfResult } from './meeting-pdfs.service';

async function sendPdf(reply: FastifyReply, pdf: PdfResult, cacheControl = 'private, no-store'): Promise<void> {
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', contentDisposition('inline', pdf.fileName))
    .header('content-length', String(pdf.size))
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff');
  if (pdf.cached !== undefined) void reply.header('x-forum-packet-cache', pdf.cached ? 'hit' : `miss; built-by=${pdf.builtBy}`);
  await reply.send(pdf.stream);
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class MeetingPdfsController {
  constructor(private readonly pdfs: MeetingPdfs) {}

  /** the agenda package: cover, agenda, then every PDF paper of the agenda's items in order, with bookmarks */
  @Get('meetings/:id/packet.pdf')
  @Sends<Buffer>()
  @Authorize(Permission.DocumentRead, On.param(TargetKind.Meeting))
  @ApiProduces('application/pdf')
  async packet(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: PdfLanguageQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendPdf(reply, await this.pdfs.packet(caller, id, query.lang ?? caller.locale));
  }

  @Get('meetings/:id/record.pdf')
  @Sends<Buffer>()
  @Authorize(Permission.DocumentRead, On.param(TargetKind.Meeting))
  @ApiProduces('application/pdf')
  async record(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: PdfLanguageQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendPdf(reply, await this.pdfs.meetingRecord(caller, id, query.lang ?? caller.locale));
  }

  @Get('communiques/:id/pdf')
  @Sends<Buffer>()
  @Authorize(Permission.DocumentRead, On.param(TargetKind.Communique))
  @ApiProduces('application/pdf')
  async communique(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: PdfLanguageQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendPdf(reply, await this.pdfs.communique(caller, id, query.lang ?? caller.locale));
  }

  @Public()
  @Get('public/communiques/:id/pdf')
  @Sends<Buffer>()
  @ApiProduces('application/pdf')
  async publicCommunique(@IdParam() id: string, @Query() query: PdfLanguageQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendPdf(reply, await this.pdfs.publicCommunique(id, query.lang ?? 'en'), 'public, max-age=300');
  }
}
