import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BodyRepository, MembershipRepository } from '@forum/bodies';
import { Caller, EventRecorder, FORUM_CONFIG, type ForumConfig, notFound, contentFor, zoneOf } from '@forum/core';
import type { Page } from '@forum/contracts';
import { UserRepository } from '@forum/identity';
import { feedCalendar } from './meeting-calendar';
import { CalendarFeedRepository, MeetingRepository } from './meeting.repository';
import { CalendarFeedView, toCalendarFeedView } from './meeting.view';

const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const FEED_HISTORY_DAYS = 365;
const FEED_MAX_EVENTS = 1000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Personal calendar subscriptions: Outlook and Google Calendar cannot send a bearer header, so the
 * URL itself is the credential: 256 random bits, stored hashed, revocable at any time.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly feeds: CalendarFeedRepository,
    private readonly meetings: MeetingRepository,
    private readonly memberships: MembershipRepository,
    private readonly bodies: BodyRepository,
    private readonly users: UserRepository,
    private readonly events: EventRecorder,
  ) {}

  async create(caller: Caller, label?: string): Promise<CalendarFeedView & { token: string; url: string }> {
    const token = randomBytes(32).toString('base64url');
    return this.dataSource.transaction(async (em) => {
      const feed = await this.feeds.insert({ userId: caller.userId, tokenHash: hashOf(token), label: label?.trim() || null }, em);
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'calendar-feed.created',
        entityType: 'calendar_feed',
        entityId: feed.id,
        changes: { label: feed.label },
      });
      return { ...toCalendarFeedView(feed), token, url: `${this.config.publicBaseUrl}/api/v1/calendar-feeds/${token}/meetings.ics` };
    });
  }

  async list(caller: Caller): Promise<Page<CalendarFeedView>> {
    const rows = await this.feeds.listOfUser(caller.userId);
    return { items: rows.map(toCalendarFeedView), total: rows.length };
  }

  async revoke(caller: Caller, id: string): Promise<CalendarFeedView> {
    return this.dataSource.transaction(async (em) => {
      const feed = await this.feeds.findOfUser(caller.userId, id, em);
      if (!feed) throw notFound('Calendar feed');
      if (!feed.revokedAt) {
        feed.revokedAt = new Date();
        await this.feeds.save(feed, em);
        await this.events.record(em, { actorUserId: caller.userId, action: 'calendar-feed.revoked', entityType: 'calendar_feed', entityId: feed.id });
      }
      return toCalendarFeedView(feed);
    });
  }

  /** The feed behind a token: the meetings of the bodies the owner's government sits on today (all, for the secretariat). */
  async feed(token: string): Promise<string> {
    if (!FEED_TOKEN.test(token)) throw notFound('Calendar feed');
    const feed = await this.feeds.findActiveByHash(hashOf(token));
    const user = feed ? await this.users.findById(feed.userId) : null;
    if (!feed || !user?.active) throw notFound('Calendar feed');
    const bodyIds = user.role === 'secretariat' ? null : user.governmentId ? await this.memberships.activeBodyIdsOf(user.governmentId) : [];
    const meetings = await this.meetings.forFeed(bodyIds, new Date(Date.now() - FEED_HISTORY_DAYS * 24 * 3600 * 1000), FEED_MAX_EVENTS);
    const bodies = await this.bodies.findByIds([...new Set(meetings.map((m) => m.bodyId))]);
    await this.feeds.touch(feed.id);
    return feedCalendar(meetings, `Forum: ${user.displayName}`, {
      publicBaseUrl: this.config.publicBaseUrl,
      organizer: this.config.mailFrom,
      bodyNames: new Map(bodies.map((b) => [b.id, contentFor(b.name, user.locale)])),
      reader: { locale: user.locale, zone: zoneOf(user.timeZone, null) },
    });
  }
}
