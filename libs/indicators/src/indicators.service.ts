import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CommonReason,
  type IndicatorAlertView,
  type IndicatorLevel,
  type IndicatorObservationView,
  type IndicatorRevisionView,
  type IndicatorSeriesView,
  type IndicatorSlotView,
  type IndicatorView,
  type NotificationIntent,
  type Page,
} from '@forum/contracts';
import { Caller, conflict, EventRecorder, forbidden, invalid, isSecretariat, mergeBilingual, notFound, readBilingual, bilingual } from '@forum/core';
import { BodyAccess, MembershipRepository } from '@forum/bodies';
import { UserRepository } from '@forum/identity';
import { MeetingsService } from '@forum/meetings';
import type { CreateIndicatorDto, ReportObservationDto, SeriesQuery, UpdateIndicatorDto } from './indicator.dto';
import type { Indicator } from './indicator.entity';
import {
  alertToRaise,
  currentPeriod,
  endOfWorkingDays,
  levelOf,
  monthOverMonth,
  PERIOD_PATTERN,
  periodsBetween,
  previousPeriod,
  sumFigures,
} from './indicator-level.rule';
import { IndicatorRepository } from './indicator.repository';
import { toAlertView, toIndicatorView, toObservationView, toRevisionView } from './indicator.view';

const LEVEL_WORDS = { warning: { en: 'Warning', fr: 'Alerte' }, surge: { en: 'Surge', fr: 'Hausse marquée' } } as const;
const figure = (value: number, locale: 'en' | 'fr') => new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA').format(value);

/** Shared indicators: who reports what, the series, and the alerts raised when a month's total reaches a threshold. */
@Injectable()
export class IndicatorsService {
  private readonly logger = new Logger('Indicators');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: IndicatorRepository,
    private readonly access: BodyAccess,
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
    private readonly meetings: MeetingsService,
    private readonly events: EventRecorder,
  ) {}

  async list(caller: Caller, query: { bodyId?: string; limit: number; offset: number }): Promise<Page<IndicatorView>> {
    const scope = await this.access.scopeOf(caller);
    const bodyIds = scope.kind === 'all' ? null : scope.bodyIds;
    if (query.bodyId && bodyIds && !bodyIds.includes(query.bodyId)) return { items: [], total: 0 };
    const [rows, total] = await this.indicators.page({ bodyIds, bodyId: query.bodyId }, query.limit, query.offset);
    const latest = await this.indicators.latestTotals(rows.map((r) => r.id));
    return { items: rows.map((r) => toIndicatorView(r, latest.get(r.id), caller.locale)), total };
  }

  async get(caller: Caller, id: string): Promise<IndicatorView> {
    const indicator = await this.readable(caller, id);
    const latest = await this.indicators.latestTotals([id]);
    return toIndicatorView(indicator, latest.get(id), caller.locale);
  }

  async create(caller: Caller, dto: CreateIndicatorDto): Promise<IndicatorView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat defines shared indicators');
    const name = readBilingual(dto, 'name', caller.locale, { required: true })!;
    const definition = readBilingual(dto, 'definition', caller.locale);
    checkThresholds(dto.warningAt ?? null, dto.surgeAt ?? null);
    return this.dataSource.transaction(async (em) => {
      await this.access.requireBody(dto.bodyId, em).catch(() => {
        throw invalid(['bodyId does not name an existing body']);
      });
      if (await this.indicators.findByCode(dto.bodyId, dto.code, em))
        throw conflict(CommonReason.Duplicate, `This body already has an indicator with code ${dto.code}`);
      const indicator = await this.indicators.insert(
        {
          bodyId: dto.bodyId,
          code: dto.code,
          name: name.text,
          definition: definition?.text ?? bilingual(null, null),
          sourceLang: name.sourceLang,
          unit: dto.unit.trim(),
          frequency: dto.frequency ?? 'monthly',
          source: dto.source?.trim() || null,
          warningAt: dto.warningAt ?? null,
          surgeAt: dto.surgeAt ?? null,
          createdBy: caller.userId,
        },
        em,
      );
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'indicator.created',
        entityType: 'indicator',
        entityId: indicator.id,
        changes: { ...dto },
      });
      return toIndicatorView(indicator, undefined, caller.locale);
    });
  }

  async update(caller: Caller, id: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat changes shared indicators');
    const name = readBilingual(dto, 'name', caller.locale);
    const definition = readBilingual(dto, 'definition', caller.locale);
    if (name && !name.text.en && !name.text.fr) throw invalid(['name must not be empty']);
    return this.dataSource.transaction(async (em) => {
      const indicator = await this.indicators.findById(id, em, true);
      if (!indicator) throw notFound('Indicator');
      if (name) {
        const merged = mergeBilingual(indicator.name, name, indicator.sourceLang);
        indicator.name = merged.text;
        indicator.sourceLang = merged.sourceLang;
      }
      if (definition) indicator.definition = mergeBilingual(indicator.definition, definition, indicator.sourceLang).text;
      if (dto.unit !== undefined) indicator.unit = dto.unit.trim();
      if (dto.source !== undefined) indicator.source = dto.source?.trim() || null;
      if (dto.warningAt !== undefined) indicator.warningAt = dto.warningAt;
      if (dto.surgeAt !== undefined) indicator.surgeAt = dto.surgeAt;
      checkThresholds(indicator.warningAt, indicator.surgeAt);
      const saved = await this.indicators.save(indicator, em);
      await this.events.record(em, { actorUserId: caller.userId, action: 'indicator.updated', entityType: 'indicator', entityId: id, changes: { ...dto } });
      const latest = await this.indicators.latestTotals([id], em);
      return toIndicatorView(saved, latest.get(id), caller.locale);
    });
  }

  /**
   * A government's figure for a month. The first report and every revision are kept; the period whose total
   * first reaches a level raises one alert (a surge alert with emergency meeting slots).
   */
  async report(
    caller: Caller,
    id: string,
    governmentId: string,
    period: string,
    dto: ReportObservationDto,
    now = new Date(),
  ): Promise<IndicatorObservationView> {
    const indicator = await this.readable(caller, id);
    if (!isSecretariat(caller) && caller.governmentId !== governmentId) throw forbidden('Each government reports its own figures');
    if (!PERIOD_PATTERN.test(period)) throw invalid(['period must be a month, YYYY-MM']);
    if (period > currentPeriod(now)) throw invalid(['period must not be a month still to come']);
    if (!(await this.memberships.findActive(indicator.bodyId, governmentId))) throw invalid(['governmentId is not a member of this body']);

    // Slots and recipients are read before the transaction, which then holds only the indicator's row lock.
    const others = (await this.indicators.observations(id, period, period)).filter((o) => o.governmentId !== governmentId);
    const prospective = levelOf(sumFigures([...others.map((o) => o.value), dto.value]), indicator);
    const prospectiveAlert = alertToRaise(prospective, await this.indicators.alertedLevels(id, period, this.dataSource.manager));
    const slots = prospectiveAlert === 'surge' ? await this.emergencySlots(caller, indicator.bodyId, now) : [];
    const recipients = prospectiveAlert ? await this.alertRecipients(indicator.bodyId) : null;

    return this.dataSource.transaction(async (em) => {
      const locked = await this.indicators.findById(id, em, true);
      if (!locked) throw notFound('Indicator');
      const previous = await this.indicators.findObservation(id, governmentId, period, em);
      const note = dto.note?.trim() || null;
      const previousValue = previous ? previous.value : null;
      const saved = await this.indicators.saveObservation(
        { indicatorId: id, governmentId, period, value: dto.value, note, revision: (previous?.revision ?? 0) + 1, reportedBy: caller.userId, reportedAt: now },
        em,
      );
      await this.indicators.insertRevision(
        { indicatorId: id, governmentId, period, revision: saved.revision, value: dto.value, previousValue, note, revisedBy: caller.userId, revisedAt: now },
        em,
      );

      const total = await this.indicators.totalOf(id, period, em);
      const raise = alertToRaise(levelOf(total, locked), await this.indicators.alertedLevels(id, period, em));
      const events = [];
      if (raise) {
        await this.indicators.insertAlert({ indicatorId: id, period, level: raise, total, slots: raise === 'surge' ? slots : [] }, em);
        events.push({
          name: 'indicator.threshold_crossed' as const,
          payload: { indicatorId: id, bodyId: locked.bodyId, period, level: raise },
          audience: { kind: 'body' as const, bodyId: locked.bodyId },
          notify: [this.alertNotice(locked, period, raise, total, recipients ?? (await this.alertRecipients(locked.bodyId, em)))],
        });
      }
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: previous ? 'indicator.observation-revised' : 'indicator.observation-reported',
          entityType: 'indicator',
          entityId: id,
          changes: { governmentId, period, value: dto.value, previousValue, note },
        },
        events,
      );
      return toObservationView(saved);
    });
  }

  async history(caller: Caller, id: string, governmentId: string, period: string): Promise<Page<IndicatorRevisionView>> {
    await this.readable(caller, id);
    if (!PERIOD_PATTERN.test(period)) throw invalid(['period must be a month, YYYY-MM']);
    const revisions = await this.indicators.revisionsOf(id, governmentId, period);
    return { items: revisions.map(toRevisionView), total: revisions.length };
  }

  async series(caller: Caller, id: string, query: SeriesQuery): Promise<IndicatorSeriesView> {
    const indicator = await this.readable(caller, id);
    if (query.from && query.to && query.from > query.to) throw invalid(['from must not be after to']);
    const observations = await this.indicators.observations(id, query.from ?? null, query.to ?? null);
    const seats = await this.memberships.listOfBody(indicator.bodyId, true);
    const governments = new Map<string, IndicatorSeriesView['governments'][number]>();
    for (const seat of seats) {
      const g = seat.government!;
      if (!seat.endedAt || observations.some((o) => o.governmentId === g.id))
        governments.set(g.id, { id: g.id, code: g.code, nameEn: g.nameEn, nameFr: g.nameFr });
    }
    const from = query.from ?? observations[0]?.period;
    const to = query.to ?? observations.at(-1)?.period;
    const byPeriod = new Map<string, { governmentId: string; value: number }[]>();
    for (const o of observations) byPeriod.set(o.period, [...(byPeriod.get(o.period) ?? []), { governmentId: o.governmentId, value: o.value }]);
    let previousTotal: number | null = null;
    const items =
      from && to
        ? periodsBetween(from, to).map((period) => {
            const values = byPeriod.get(period) ?? [];
            const total = values.length ? sumFigures(values.map((v) => v.value)) : null;
            const point = { period, values, total, level: levelOf(total, indicator), ...monthOverMonth(total, previousTotal) };
            previousTotal = total;
            return point;
          })
        : [];
    return { indicatorId: id, unit: indicator.unit, warningAt: indicator.warningAt, surgeAt: indicator.surgeAt, governments: [...governments.values()], items };
  }

  async alerts(caller: Caller, id: string, limit: number, offset: number): Promise<Page<IndicatorAlertView>> {
    await this.readable(caller, id);
    const [rows, total] = await this.indicators.alerts(id, limit, offset);
    return { items: rows.map(toAlertView), total };
  }

  /** Indicators the caller may see at warning or surge in the current or the previous month (the dashboard). */
  async standing(caller: Caller, now = new Date()): Promise<Page<{ indicatorId: string; bodyId: string; period: string; level: IndicatorLevel }>> {
    const scope = await this.access.scopeOf(caller);
    const rows = await this.indicators.standingAlerts(scope.kind === 'all' ? null : scope.bodyIds, previousPeriod(now));
    return { items: rows, total: rows.length };
  }

  private async readable(caller: Caller, id: string): Promise<Indicator> {
    const indicator = await this.indicators.findById(id);
    if (!indicator) throw notFound('Indicator');
    await this.access.requireInsideBody(caller, indicator.bodyId, 'Indicator');
    return indicator;
  }

  /** The earliest 60-minute slots for the body within the next five working days, as the meetings' slot finder sees them. */
  private async emergencySlots(caller: Caller, bodyId: string, now: Date): Promise<IndicatorSlotView[]> {
    try {
      const found = await this.meetings.slots(caller, {
        bodyId,
        durationMinutes: 60,
        from: now.toISOString(),
        to: endOfWorkingDays(now).toISOString(),
        count: 5,
      });
      return found.items.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt }));
    } catch (error) {
      // An alert without slots still alerts: the secretariat can look for a time by hand.
      this.logger.warn(`no emergency slots for body ${bodyId}: ${(error as Error).message}`);
      return [];
    }
  }

  private async alertRecipients(bodyId: string, em?: EntityManager): Promise<NotificationIntent['recipients']> {
    const secretariat = await this.users.activeSecretariat(em);
    const coChairs = (await this.memberships.listOfBody(bodyId, false, em)).filter((m) => m.role === 'co_chair').map((m) => m.governmentId);
    return { userIds: secretariat.map((u) => u.id), governmentIds: coChairs };
  }

  private alertNotice(
    indicator: Indicator,
    period: string,
    level: Exclude<IndicatorLevel, 'normal'>,
    total: number,
    recipients: NotificationIntent['recipients'],
  ): NotificationIntent {
    const nameEn = indicator.name.en ?? indicator.name.fr ?? indicator.code;
    const nameFr = indicator.name.fr ?? indicator.name.en ?? indicator.code;
    const threshold = level === 'surge' ? indicator.surgeAt : indicator.warningAt;
    return {
      category: 'indicators',
      key: `indicator-alert:${indicator.id}:${period}:${level}`,
      recipients,
      subject: { en: `${LEVEL_WORDS[level].en}: ${nameEn}, ${period}`, fr: `${LEVEL_WORDS[level].fr} : ${nameFr}, ${period}` },
      body: {
        en:
          `The total for ${period} is ${figure(total, 'en')} ${indicator.unit}, at or above the ${level} threshold of ${figure(threshold ?? 0, 'en')}.` +
          (level === 'surge' ? ' Emergency meeting slots for the next five working days are on the indicator page.' : ''),
        fr:
          `Le total de ${period} est de ${figure(total, 'fr')} (${indicator.unit}), au seuil ${level === 'surge' ? 'de hausse marquée' : "d'alerte"} de ${figure(threshold ?? 0, 'fr')} ou au-delà.` +
          (level === 'surge' ? ' Des créneaux de réunion d’urgence pour les cinq prochains jours ouvrables figurent sur la page de l’indicateur.' : ''),
      },
      link: `/indicators/${indicator.id}`,
    };
  }
}

function checkThresholds(warningAt: number | null, surgeAt: number | null): void {
  if (warningAt !== null && surgeAt !== null && surgeAt < warningAt) throw invalid(['surgeAt must not be below warningAt']);
}
