import { BodyReason } from '@forum/contracts';
import { type BilingualText, conflict, contentFor } from '@forum/core';

/** The calendar day (UTC) a body's `endsOn` is compared with. */
const today = (now: Date) => now.toISOString().slice(0, 10);

/** A body whose `endsOn` is past is closed: it stays readable forever, but nothing new happens in it. */
export const isBodyClosed = (body: { endsOn: string | null }, now = new Date()): boolean => !!body.endsOn && body.endsOn < today(now);

/** 409 body_closed for new meetings, action items, communiqués, members and join requests of a closed body. */
export function requireOpenBody(body: { name?: BilingualText | string; endsOn: string | null }, now = new Date()): void {
  const name = typeof body.name === 'string' ? body.name : body.name ? contentFor(body.name, 'en') : 'This body';
  if (isBodyClosed(body, now)) throw conflict(BodyReason.BodyClosed, `${name} ended on ${body.endsOn}; it is closed to new business`, { endsOn: body.endsOn });
}
