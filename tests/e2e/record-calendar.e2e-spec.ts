import * as ical from 'node-ical';
import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** iCalendar with hostile text: every value escaped and folded per RFC 5545, proper ORGANIZER and ATTENDEE. */
describe('the record: calendars with hostile titles', () => {
  let t: TestApp;
  let f: Factories;
  let bodyId: string;
  let bodyName: string;
  let seats: Record<string, { government: TestGovernment; official: TestOfficial }>;

  const HOSTILE_TITLE = 'Budget\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected, with; commas 🎉 ' + 'long '.repeat(40) + 'end';
  const HOSTILE_LOCATION = 'Room 3; Ottawa, ON\r\nATTENDEE:mailto:spy@evil.test';
  const HOSTILE_NAME = 'Jo "the delegate"\r\nATTENDEE:mailto:spy@evil.test';

  const events = (ics: string) => Object.values(ical.sync.parseICS(ics)).filter((c: any) => c.type === 'VEVENT') as any[];
  const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  const mail = (x: any) =>
    String(typeof x === 'string' ? x : x.val)
      .replace(/^mailto:/i, '')
      .toLowerCase();

  /** every physical line at most 75 octets, CRLF-terminated, and no bare CR or LF */
  function expectFolded(ics: string): void {
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.slice(0, -2).split('\r\n');
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\r\n]/);
    }
    // a line that is not a continuation starts with a property name: nothing injected a line of its own
    const names = lines.filter((l) => !l.startsWith(' ')).map((l) => l.split(/[:;]/)[0]);
    expect(names.filter((n) => n === 'BEGIN')).toEqual(['BEGIN', 'BEGIN']);
    expect(names.filter((n) => n === 'SUMMARY')).toHaveLength(names.filter((n) => n === 'BEGIN').length - 1);
  }

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const scene = await f.bodyWith({ ca: { level: 'federal', role: 'co_chair' }, qc: { role: 'observer' } }, { name: 'Table, with; punctuation' });
    bodyId = scene.body.id;
    bodyName = scene.body.name;
    seats = scene.seats;
  });
  afterAll(() => t?.close());

  it('the invitation escapes CRLF, commas, semicolons and emoji, folds 200-character lines, and names its organizer and attendees', async () => {
    const delegate = await f.official(seats.ca.government.id, { displayName: HOSTILE_NAME });
    const meeting = await f.meeting(bodyId, { title: HOSTILE_TITLE, location: HOSTILE_LOCATION, delegateUserIds: [delegate.id, seats.qc.official.id] });
    const res = await t.http.get(`/api/v1/meetings/${meeting.id}/calendar.ics`, seats.ca.official.token);
    expect(res.status).toBe(200);
    expectFolded(res.text);
    expect(res.text).toContain('METHOD:REQUEST');

    const parsed = events(res.text);
    expect(parsed).toHaveLength(1);
    const [event] = parsed;
    expect(event.uid).toBe(`meeting-${meeting.id}@forum`);
    expect(event.summary).toBe(`${HOSTILE_TITLE.replace(/\r\n/g, '\n')} (${bodyName})`);
    expect(event.location).toBe(HOSTILE_LOCATION.replace(/\r\n/g, '\n'));

    // the organizer is the secretariat member who convened it, not a no-reply address
    expect(mail(event.organizer)).toBe('secretariat@forum.test');
    const attendees = asArray(event.attendee);
    expect(attendees.map(mail).sort()).toEqual([delegate.email, seats.ca.official.email, seats.qc.official.email].map((e) => e.toLowerCase()).sort());
    const jo = attendees.find((a: any) => mail(a) === delegate.email.toLowerCase());
    expect(jo.params.CN).toBe("Jo 'the delegate' ATTENDEE:mailto:spy@evil.test");
    expect(jo.params.ROLE).toBe('REQ-PARTICIPANT');
    expect(attendees.find((a: any) => mail(a) === seats.qc.official.email.toLowerCase()).params.ROLE).toBe('OPT-PARTICIPANT');
    expect(attendees.map(mail)).not.toContain('spy@evil.test');
  });

  it('the subscription feed is METHOD:PUBLISH with exactly the expected events, whatever their titles', async () => {
    const a = await f.meeting(bodyId, { title: 'First\r\nBEGIN:VEVENT\r\nUID:forged', startsAt: '2031-04-01T15:00:00Z', endsAt: '2031-04-01T16:00:00Z' });
    const b = await f.meeting(bodyId, { title: 'Second, ; \\ 🎉'.repeat(12), startsAt: '2031-04-02T15:00:00Z', endsAt: '2031-04-02T16:00:00Z' });
    const { body: other } = await f.bodyWith({ x: { role: 'member' } });
    await f.meeting(other.id, { title: 'Not ours' });
    const feed = (await t.http.post('/api/v1/calendar-feeds', {}, seats.qc.official.token)).body;
    const res = await t.http.get(new URL(feed.url).pathname);
    expect(res.status).toBe(200);
    expect(res.text).toContain('METHOD:PUBLISH');
    expect(res.text).not.toMatch(/^ATTENDEE/m);
    for (const line of res.text.slice(0, -2).split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const parsed = events(res.text);
    const ours = parsed.filter((e) => e.uid === `meeting-${a.id}@forum` || e.uid === `meeting-${b.id}@forum`);
    expect(ours).toHaveLength(2);
    expect(parsed.map((e) => e.uid)).not.toContain('forged');
    expect(parsed.every((e) => e.uid.startsWith('meeting-'))).toBe(true);
    expect(ours.find((e) => e.uid === `meeting-${b.id}@forum`).summary).toBe(`${'Second, ; \\ 🎉'.repeat(12)} (${bodyName})`);
    expect(parsed.map((e) => e.summary)).not.toContain(expect.stringContaining('Not ours'));
  });
});
