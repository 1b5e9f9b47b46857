import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// A private instance: options set here never leak into another capability's use of marked.
const markdown = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'wbr'),
  allowedAttributes: { a: ['href', 'title', 'hreflang', 'rel'], ol: ['start'], th: ['align'], td: ['align'], abbr: ['title'] },
  // Only these schemes survive; javascript:, data:, vbscript: (however encoded) lose the href.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
};

/**
 * Communiqué text is Markdown typed by people; what reaches a browser is sanitized HTML with no
 * script, no event handler and no javascript: link, whatever was typed (raw HTML included).
 */
export function renderMarkdown(source: string): string {
  const raw = markdown.parse(source ?? '') as string;
  return sanitizeHtml(raw, SANITIZE).trim();
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
