import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventRecorder, FORUM_CONFIG, type ForumConfig } from '@forum/core';
import { MembershipRepository } from '@forum/bodies';
import { DateTime } from 'luxon';
import { previousPeriod } from './indicator-level.rule';
import { IndicatorRepository } from './indicator.repository';

const FORUM_ZONE = 'America/Toronto';

/**
 * Governments report last month's figure in the first days of a month. After the configured day, each member
 * government that has not reported an indicator's month is reminded once (a reminder row makes it once, across
 * scans and workers).
 */
@Injectable()
export class IndicatorRemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly indicators: IndicatorRepository,
    private readonly memberships: MembershipRepository,
    private readonly events: EventRecorder,
  ) {}

  async remindUnreported(now = new Date()): Promise<{ period: string; reminded: number }> {
    const period = previousPeriod(now, FORUM_ZONE);
    if (DateTime.fromJSDate(now, { zone: FORUM_ZONE }).day <= this.config.indicatorReminderDay) return { period, reminded: 0 };
    let reminded = 0;
    for (const indicator of await this.indicators.existingBy(period)) {
      const members = (await this.memberships.listOfBody(indicator.bodyId, false)).map((m) => m.governmentId);
      const done = await this.indicators.reportedOrReminded(indicator.id, period, members);
      for (const governmentId of members.filter((g) => !done.has(g))) {
        const sent = await this.dataSource.transaction(async (em) => {
          if (!(await this.indicators.markReminded(indicator.id, governmentId, period, em))) return false;
          const nameEn = indicator.name.en ?? indicator.name.fr ?? indicator.code;
          const nameFr = indicator.name.fr ?? indicator.name.en ?? indicator.code;
          await this.events.record(
            em,
            { actorUserId: null, action: 'indicator.reminder', entityType: 'indicator', entityId: indicator.id, changes: { governmentId, period } },
            [
              {
                name: 'indicator.reminder',
                payload: { indicatorId: indicator.id, bodyId: indicator.bodyId, period, governmentId },
                audience: { kind: 'none' },
                notify: [
                  {
                    category: 'indicators',
                    key: `indicator-reminder:${indicator.id}:${period}:${governmentId}`,
                    recipients: { governmentIds: [governmentId] },
                    subject: { en: `Figure due: ${nameEn}, ${period}`, fr: `Donnée attendue : ${nameFr}, ${period}` },
                    body: {
                      en: `Your government has not yet reported ${nameEn} for ${period}. Please enter it on the indicator page.`,
                      fr: `Votre gouvernement n’a pas encore déclaré « ${nameFr} » pour ${period}. Veuillez la saisir sur la page de l’indicateur.`,
                    },
                    link: `/indicators/${indicator.id}`,
                  },
                ],
              },
            ],
          );
          return true;
        });
        if (sent) reminded += 1;
      }
    }
    return { period, reminded };
  }
}
