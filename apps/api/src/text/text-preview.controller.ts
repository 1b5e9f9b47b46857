import { Body as RequestBody, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Permission, type TextPreviewView } from '@forum/contracts';
import { Authorize, renderMarkdown } from '@forum/core';

/** The longest text any record accepts (a communiqué's body). */
const PREVIEW_MAX = 100_000;

class TextPreviewDto {
  @ApiProperty({ description: 'Markdown', maxLength: PREVIEW_MAX, example: 'Ministers met **weekly**.' })
  @IsString()
  @MaxLength(PREVIEW_MAX)
  markdown: string;
}

/**
 * An editor's preview comes from the server's renderer, so what an author previews is exactly what officials
 * concur on and the public pages publish: one renderer, one sanitizer.
 */
@ApiTags('text')
@ApiBearerAuth()
@Controller('text')
export class TextPreviewController {
  @Post('preview')
  @HttpCode(200)
  @Authorize(Permission.TextPreview)
  preview(@RequestBody() dto: TextPreviewDto): TextPreviewView {
    return { html: renderMarkdown(dto.markdown) };
  }
}
