import type { Locale, NotificationIntent } from '@forum/contracts';
import { renderTimes, typographyFor } from '@forum/core';

export interface Reader {
  locale: Locale;
  /** IANA zone: the reader's own, else their government's */
  zone: string;
}

/**
 * One notification as one recipient reads it: their language, every time in their zone with its
 * abbreviation, French typography for French. The in-app row and its email are both made from this.
 */
export function renderNotification(intent: Pick<NotificationIntent, 'subject' | 'body'>, reader: Reader): { title: string; body: string } {
  const render = (text: string) => typographyFor(reader.locale, renderTimes(text, reader.locale, reader.zone));
  return { title: render(intent.subject[reader.locale]), body: render(intent.body[reader.locale]) };
}
