import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission, type DocumentView, type Page } from '@forum/contracts';
import { Authorize, Caller, CurrentCaller, IdParam, On, TargetKind, Sends } from '@forum/core';
import { DocumentContentQuery, DocumentListQuery } from './document.dto';
import { DocumentsService } from './documents.service';
import { contentDisposition, parseRange } from './http-content.rule';

const UPLOAD_SCHEMA = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary' },
      title: { type: 'string', maxLength: 300 },
      titleEn: { type: 'string', maxLength: 300 },
      titleFr: { type: 'string', maxLength: 300 },
      language: { type: 'string', enum: ['en', 'fr', 'bilingual'] },
      access: { type: 'string', enum: ['members', 'restricted'] },
      governmentIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
      marking: { type: 'string', enum: ['unclassified', 'protected_a', 'protected_b'] },
      meetingId: { type: 'string', format: 'uuid' },
      agendaItemId: { type: 'string', format: 'uuid' },
      counterpartId: { type: 'string', format: 'uuid' },
    },
  },
};

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('bodies/:id/documents')
  @Authorize(Permission.DocumentRead, On.param(TargetKind.Body))
  list(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: DocumentListQuery): Promise<Page<DocumentView>> {
    return this.documents.list(caller, id, query);
  }

  @Post('bodies/:id/documents')
  @Authorize(Permission.DocumentUpload, On.param(TargetKind.Body))
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_SCHEMA)
  create(@CurrentCaller() caller: Caller, @IdParam() id: string, @Req() request: FastifyRequest): Promise<DocumentView> {
    return this.documents.create(caller, id, request);
  }

  @Get('documents/:id')
  @Authorize(Permission.DocumentRead, On.param(TargetKind.Document))
  get(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<DocumentView> {
    return this.documents.get(caller, id);
  }

  @Post('documents/:id/versions')
  @HttpCode(201)
  @Authorize(Permission.DocumentVersion, On.param(TargetKind.Document))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  addVersion(@CurrentCaller() caller: Caller, @IdParam() id: string, @Req() request: FastifyRequest): Promise<DocumentView> {
    return this.documents.addVersion(caller, id, request);
  }

  /** the bytes, streamed: single and suffix ranges (206), 416 when unsatisfiable */
  @Get('documents/:id/content')
  @Sends<Buffer>()
  @Authorize(Permission.DocumentRead, On.param(TargetKind.Document))
  @ApiProduces('application/octet-stream')
  async content(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @Query() query: DocumentContentQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const header = typeof request.headers.range === 'string' ? request.headers.range : undefined;
    const opened = await this.documents.open(caller, id, query.version, (size) => {
      const range = parseRange(header, size);
      return range.kind === 'unsatisfiable' ? 'unsatisfiable' : range.kind === 'partial' ? { start: range.start, end: range.end } : null;
    });
    void reply.header('cache-control', 'private, no-store').header('accept-ranges', 'bytes').header('x-content-type-options', 'nosniff');
    if ('unsatisfiable' in opened) {
      void reply.code(416).header('content-range', `bytes */${opened.size}`).header('content-type', 'application/json; charset=utf-8');
      await reply.send({
        statusCode: 416,
        error: 'Range Not Satisfiable',
        reason: 'range_not_satisfiable',
        message: `the range is outside the file's ${opened.size} bytes`,
      });
      return;
    }
    const { version, range, stream } = opened;
    const inline = query.inline === '1' || query.inline === 'true';
    void reply
      .header('content-type', version.contentType)
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', version.fileName))
      .header('etag', `"${version.sha256}"`);
    if (range) {
      void reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${version.size}`)
        .header('content-length', String(range.end - range.start + 1));
    } else {
      void reply.header('content-length', String(version.size));
    }
    await reply.send(stream);
  }
}
