import { MeetingMinutesService } from './meeting-minutes.service';
import { DateTime } from 'luxon';
import type { DemoContext } from '@forum/core';
import type { AgendaPurpose } from './agenda-item.entity';
import { AgendaService } from './agenda.service';
import { MeetingRecordService } from './meeting-record.service';
import { MeetingsService } from './meetings.service';
import { HolidayCalendar } from './working-hours.rule';

const TASK_FORCE = 'Ad Hoc Intergovernmental Task Force on Irregular Migration';
const ASYLUM_WG = 'Working Group on Asylum and Irregular Migration';
const FPM_TABLE = 'Federal-Provincial-Municipal Table on Asylum';
const DM_TABLE = "Deputy Ministers' Table";
const ADM_TABLE = "Assistant Deputy Ministers' Table";

interface DemoAgendaItem {
  title: string;
  purpose: AgendaPurpose;
  minutes: number;
  presenter?: string;
}

interface DemoMeeting {
  body: string;
  title: string;
  /** ISO date for the 2017–2018 history, or working days from today for upcoming meetings */
  on: string | number;
  /** local start in Ottawa time */
  at: string;
  hours: number;
  location?: string;
  videoUrl?: string;
  agenda: DemoAgendaItem[];
  publishAgenda?: boolean;
  /** history only: what was recorded afterwards */
  held?: { minutes: string; decisions?: string[]; absent?: string[] };
}

/**
 * The task force's twelve meetings, August 2017 to August 2018, on the topics the study reports for each
 * period (IRCC 2017a–e, 2018a–c). The study gives the months, not the days: the days here are illustrative.
 */
const TASK_FORCE_MEETINGS: DemoMeeting[] = [
  {
    body: TASK_FORCE,
    title: 'Task force, 1st meeting',
    on: '2017-08-17',
    at: '10:00',
    hours: 2,
    location: 'Montréal',
    agenda: [
      { title: 'Ongoing challenges at Roxham Road and strategies in place', purpose: 'discussion', minutes: 60, presenter: 'CA' },
      { title: 'Temporary shelter for asylum seekers (Olympic Stadium)', purpose: 'discussion', minutes: 45, presenter: 'QC' },
    ],
    held: {
      minutes:
        'Ministers examined the ongoing challenges and the strategies being put in place by federal and provincial governments, with the help of local governments and partners.',
      decisions: ['Federal and provincial officials to share data on claimant arrivals daily.'],
    },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 2nd meeting',
    on: '2017-08-29',
    at: '10:00',
    hours: 2,
    agenda: [
      { title: 'Data sharing between federal and provincial operations', purpose: 'decision', minutes: 45, presenter: 'CA' },
      { title: 'Suitable temporary shelter', purpose: 'discussion', minutes: 45, presenter: 'QC' },
    ],
    held: { minutes: 'Collaboration on data sharing and finding suitable temporary shelter were singled out as the first operational concerns.' },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 3rd meeting',
    on: '2017-09-26',
    at: '10:00',
    hours: 2,
    agenda: [
      { title: 'Initial screening of claimants: delays', purpose: 'discussion', minutes: 40, presenter: 'CA' },
      { title: 'Outreach to communities affected by changes in US policy (Temporary Protected Status)', purpose: 'information', minutes: 30, presenter: 'CA' },
    ],
    held: {
      minutes: 'The federal government reported on the mobile response unit near Roxham Road and expanded operations in Montréal.',
      decisions: ['Coordinate federal and provincial outreach to counter misinformation about the asylum system.'],
    },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 4th meeting',
    on: '2017-10-24',
    at: '10:00',
    hours: 2,
    agenda: [
      { title: 'Interim Federal Health Program certificates and work permits: delays', purpose: 'decision', minutes: 45, presenter: 'CA' },
      { title: 'Reception facilities and housing shortages', purpose: 'discussion', minutes: 45, presenter: 'QC' },
    ],
    held: {
      minutes: 'Members discussed delays in issuing key documents, which keep claimants from work and draw on provincial services.',
      decisions: ['Speed up the issuance of work permits to claimants.'],
    },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 5th meeting',
    on: '2017-11-23',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'National operational plan based on lessons observed', purpose: 'information', minutes: 60, presenter: 'CA' }],
    held: {
      minutes: 'CBSA, RCMP, Public Safety, IRCC and the Public Health Agency presented a national plan based on lessons observed at Roxham Road.',
      decisions: ['Test the national plan with provincial officials from across the country.'],
    },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 6th meeting',
    on: '2018-01-25',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'Testing the coordinated response plan', purpose: 'discussion', minutes: 60, presenter: 'CA' }],
    held: { minutes: 'Forward planning: the coordinated response plan.' },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 7th meeting',
    on: '2018-02-22',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'Secondary migration to Toronto and shelter pressure', purpose: 'discussion', minutes: 60, presenter: 'TOR' }],
    held: { minutes: 'Toronto described the pressure of secondary migration on its shelter system.' },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 8th meeting',
    on: '2018-03-22',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'Expected rise in crossings in summer 2018', purpose: 'discussion', minutes: 60, presenter: 'CA' }],
    held: { minutes: 'Irregular crossings are expected to rise again in summer 2018.' },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 9th meeting',
    on: '2018-04-26',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'Costs of services to asylum seekers', purpose: 'discussion', minutes: 60, presenter: 'QC' }],
    held: { minutes: 'Quebec set out the costs it bears while claimants’ status is undetermined.' },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 10th meeting',
    on: '2018-05-24',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'Interim housing and the relocation pilot', purpose: 'decision', minutes: 60, presenter: 'ON' }],
    held: { minutes: 'Members discussed interim housing and a relocation pilot with willing municipalities.' },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 11th meeting',
    on: '2018-06-28',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'Federal funding announced in June 2018 ($50M)', purpose: 'information', minutes: 45, presenter: 'CA' }],
    held: { minutes: 'Federal funding of $50M: Quebec $36M, Ontario $11M, Manitoba $3M.' },
  },
  {
    body: TASK_FORCE,
    title: 'Task force, 12th meeting',
    on: '2018-08-09',
    at: '10:00',
    hours: 2,
    agenda: [{ title: 'Ontario’s request for $200M in cost recovery', purpose: 'discussion', minutes: 60, presenter: 'ON' }],
    held: { minutes: 'The last publicly announced meeting of the task force.', absent: ['ON'] },
  },
];

/** What is coming up for the recommended permanent venues and the FMRI tables, with agendas. */
const UPCOMING_MEETINGS: DemoMeeting[] = [
  {
    body: ASYLUM_WG,
    title: 'Asylum working group: roles and responsibilities',
    on: 8,
    at: '11:00',
    hours: 2,
    videoUrl: 'https://video.forum.example.ca/asylum-wg',
    publishAgenda: true,
    agenda: [
      { title: 'Roles and responsibilities matrix: draft for adoption', purpose: 'decision', minutes: 45, presenter: 'CA' },
      { title: 'Interim Housing Assistance Program: 2019 allocations and accountability', purpose: 'discussion', minutes: 30, presenter: 'TOR' },
      { title: 'Data sharing on claimant flows', purpose: 'information', minutes: 20, presenter: 'QC' },
      { title: 'Municipal participation: FCM proposal', purpose: 'discussion', minutes: 20, presenter: 'FCM' },
    ],
  },
  {
    body: FPM_TABLE,
    title: 'Federal-provincial-municipal table: predictable cost sharing',
    on: 12,
    at: '12:00',
    hours: 1.5,
    location: 'Toronto City Hall',
    videoUrl: 'https://video.forum.example.ca/fpm-table',
    publishAgenda: true,
    agenda: [
      { title: 'Principles for predictable cost sharing', purpose: 'discussion', minutes: 45, presenter: 'CA' },
      { title: 'Shelter capacity in Toronto, Montréal and Chatham-Kent', purpose: 'information', minutes: 30, presenter: 'TOR' },
    ],
  },
  {
    body: ADM_TABLE,
    title: "Assistant deputy ministers' table: working group reports",
    on: 18,
    at: '13:00',
    hours: 2,
    videoUrl: 'https://video.forum.example.ca/adm',
    agenda: [
      { title: 'Report of the Working Group on Asylum and Irregular Migration', purpose: 'decision', minutes: 40, presenter: 'MB' },
      { title: 'Levels plan consultation', purpose: 'discussion', minutes: 40, presenter: 'CA' },
    ],
  },
  {
    body: DM_TABLE,
    title: "Deputy ministers' table: accountability framework",
    on: 24,
    at: '11:00',
    hours: 2,
    location: 'Ottawa',
    agenda: [
      { title: 'Accountability framework for actions and resources', purpose: 'decision', minutes: 60, presenter: 'CA' },
      { title: 'Preparing the ministers’ meeting', purpose: 'discussion', minutes: 45 },
    ],
  },
];

/** Working days from today, skipping weekends and federal holidays, so the demo's next meetings always lie ahead. */
function workingDaysFromToday(days: number): string {
  const holidays = new HolidayCalendar();
  let date = DateTime.now().setZone('America/Toronto').startOf('day');
  for (let left = days; left > 0;) {
    date = date.plus({ days: 1 });
    if (date.weekday <= 5 && !holidays.holidayOn('CA', date.toISODate()!)) left--;
  }
  return date.toISODate()!;
}

/** Demo data for meetings, from the domain (see ../shared/DOMAIN.md); idempotent through DemoContext.once. */
export async function seedMeetings(demo: DemoContext): Promise<void> {
  const meetings = demo.app.get(MeetingsService);
  const agenda = demo.app.get(AgendaService);
  const record = demo.app.get(MeetingRecordService);
  const minutes = demo.app.get(MeetingMinutesService);
  const as = demo.secretariat;

  const schedule = async (spec: DemoMeeting) => {
    const day = typeof spec.on === 'number' ? workingDaysFromToday(spec.on) : spec.on;
    const start = DateTime.fromISO(`${day}T${spec.at}`, { zone: 'America/Toronto' });
    const meeting = await meetings.create(as, {
      bodyId: demo.bodyId(spec.body),
      title: spec.title,
      startsAt: start.toUTC().toISO()!,
      endsAt: start
        .plus({ minutes: spec.hours * 60 })
        .toUTC()
        .toISO()!,
      location: spec.location,
      videoUrl: spec.videoUrl,
    });
    const invited = new Set(meeting.invitees.map((i) => i.code));
    for (const item of spec.agenda) {
      await agenda.create(as, meeting.id, {
        title: item.title,
        purpose: item.purpose,
        durationMinutes: item.minutes,
        presenterGovernmentId: item.presenter && invited.has(item.presenter) ? demo.governmentId(item.presenter) : undefined,
      });
    }
    // the demo's agendas were written in English: they go out with their French version to follow
    if (spec.publishAgenda || spec.held) await agenda.publish(as, meeting.id, { translationToFollow: true });
    if (spec.held) {
      for (const invitee of meeting.invitees) {
        const status = spec.held.absent?.includes(invitee.code) ? 'regrets' : 'present';
        await record.recordAttendance(as, meeting.id, invitee.governmentId, { status });
      }
      await minutes.save(as, meeting.id, { textEn: spec.held.minutes });
      await minutes.circulate(as, meeting.id, { translationToFollow: true });
      for (const text of spec.held.decisions ?? []) await record.recordDecision(as, meeting.id, { text });
      await meetings.update(as, meeting.id, { status: 'held' });
    }
  };

  await demo.once('meetings-task-force', async () => {
    for (const spec of TASK_FORCE_MEETINGS) await schedule(spec);
  });
  await demo.once('meetings-upcoming', async () => {
    for (const spec of UPCOMING_MEETINGS) await schedule(spec);
  });
}
