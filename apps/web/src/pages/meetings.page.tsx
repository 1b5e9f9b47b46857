import { FormEvent, KeyboardEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { GcdsLink, GcdsNotice } from '@gcds-core/components-react';
import { api, ApiError, download, Page } from '../api/api-client';
import { listBodies, listGovernments, pageOf } from '../api/queries';
import type { AgendaItem, Attendance, Body, Government, Meeting } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ActionButton, NativeField, SubmitButton, TextField } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, ResourceError, SectionHeading, TableScroll } from '../components/ui';
import { formatDateTime, formatLocalTime } from '../i18n/format';
import { DocumentsSection } from '../documents/documents.section';
import { useLiveEvents } from '../realtime/live-updates';
import { describeWarning, Invitee } from './meeting-warnings';
import { BilingualFields, BilingualText, pairPayload, TranslationFlag, useText } from '../components/bilingual';
import { MinutesSection, PositionsPanel, RecordedDecision } from './meeting-record.section';
import { ScheduleMeetingForm } from './schedule-meeting.form';
import { AgendaItemTools, PaperList } from './agenda-item.editor';
import { RescheduleMeetingForm } from './reschedule-meeting.form';
import { DecisionReferral, useParentBody } from './decision-referral';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Pager, usePage } from '../components/pager';
import { CalendarFeedsSection } from './calendar-feeds.section';

export function MeetingsPage() {
  const { t } = useTranslation();
  const { isSecretariat } = useAuth();
  const [params] = useSearchParams();
  const bodyFilter = params.get('bodyId') ?? '';
  const bodies = useResource(() => listBodies(), []);
  // one instant for both lists, so a meeting is never upcoming in one and past in the other as the clock moves
  const [now, setNow] = useState(() => new Date().toISOString());
  useLiveEvents(['meeting.created', 'meeting.updated', 'meeting.cancelled'], () => setNow(new Date().toISOString()));
  if (bodies.error) return <ResourceError error={bodies.error} />;
  if (!bodies.data) return <Loading />;
  return (
    <>
      <PageHeading>{t('meetings.title')}</PageHeading>
      <MeetingList
        id="upcoming"
        heading={t('meetingLists.upcoming')}
        empty={t('meetingLists.noneUpcoming')}
        params={{ bodyId: bodyFilter, from: now, order: 'asc' }}
        bodies={bodies.data}
      />
      <MeetingList
        id="past"
        heading={t('meetingLists.past')}
        empty={t('meetingLists.nonePast')}
        params={{ bodyId: bodyFilter, to: now, order: 'desc' }}
        bodies={bodies.data}
      />
      {isSecretariat ? (
        <ScheduleMeetingForm
          bodies={bodies.data}
          initialBodyId={bodyFilter}
          initial={{ title: params.get('title') ?? '', startsAt: params.get('startsAt') ?? '', endsAt: params.get('endsAt') ?? '' }}
          onChange={() => setNow(new Date().toISOString())}
        />
      ) : null}
      <CalendarFeedsSection />
    </>
  );
}

/** One list of meetings as the API pages and orders it: upcoming soonest first, past most recent first. */
function MeetingList({
  id,
  heading,
  empty,
  params,
  bodies,
}: {
  id: string;
  heading: string;
  empty: string;
  params: { bodyId: string; from?: string; to?: string; order: 'asc' | 'desc' };
  bodies: Body[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const page = usePage([params.bodyId, params.from, params.to]);
  const { data, error } = useResource(
    () => pageOf<Meeting>('/meetings', { ...params, limit: page.limit, offset: page.offset }),
    [params.bodyId, params.from, params.to, params.order, page.offset],
  );
  return (
    <section aria-labelledby={`meetings-${id}`} data-testid={`meetings-${id}`}>
      <SectionHeading>
        <span id={`meetings-${id}`}>{heading}</span>
      </SectionHeading>
      <FormError error={error} />
      {!data ? (
        <Loading />
      ) : data.total === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <TableScroll>
            <table className="data-table">
              <caption className="sr-only">{heading}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('meetings.meeting')}</th>
                  <th scope="col">{t('meetings.body')}</th>
                  <th scope="col">{t('meetings.startsAt')}</th>
                  <th scope="col">{t('meetings.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.id} data-testid="meeting-row" data-starts-at={m.startsAt}>
                    <td>
                      <GcdsLink href={`/meetings/${m.id}`}>
                        <BilingualText record={m} field="title" />
                      </GcdsLink>
                    </td>
                    <td>
                      {bodyName(
                        bodies.find((b) => b.id === m.bodyId),
                        lang,
                      )}
                    </td>
                    <td>{formatDateTime(m.startsAt, lang)}</td>
                    <td>{t(`meetings.statuses.${m.status}`, { defaultValue: m.status })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pager
            id={`meetings-${id}`}
            label={t(`meetingLists.${id}Pages`)}
            total={data.total}
            offset={page.offset}
            limit={page.limit}
            onChange={page.setOffset}
          />
        </>
      )}
    </section>
  );
}

export function MeetingDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { isSecretariat } = useAuth();
  const lang = i18n.language;
  const { data, error, reload } = useResource(async () => {
    const meeting = await api<Meeting>('GET', `/meetings/${id}`);
    const [agenda, governments, decisions, attendance] = await Promise.all([
      api<Page<AgendaItem> | AgendaItem[]>('GET', `/meetings/${id}/agenda-items`).then((r) => (Array.isArray(r) ? r : r.items)),
      listGovernments(),
      api<Page<Decision> | Decision[]>('GET', `/meetings/${id}/decisions`).then((r) => (Array.isArray(r) ? r : r.items)),
      api<Attendance>('GET', `/meetings/${id}/attendance`),
    ]);
    return { meeting, agenda: [...agenda].sort((a, b) => a.position - b.position), governments, decisions, attendance };
  }, [id]);
  useLiveEvents(['meeting.updated', 'meeting.cancelled', 'agenda.updated', 'decision.updated'], (_, p) => {
    if (p?.id === id || p?.meetingId === id) void reload();
  });
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const { meeting, agenda, governments, decisions, attendance } = data;
  const attendanceOf = (governmentId: string) => attendance?.items.find((a) => a.governmentId === governmentId)?.status ?? '';
  const run = async (work: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await work();
    } catch (e) {
      setActionError(e as ApiError);
    }
    await reload();
  };
  return (
    <>
      <PageHeading>
        <BilingualText record={meeting} field="title" />
      </PageHeading>
      <TranslationFlag record={meeting} />
      <dl className="facts">
        <dt>{t('meetings.when')}</dt>
        <dd>
          {formatDateTime(meeting.startsAt, lang)} – {formatDateTime(meeting.endsAt, lang)}
        </dd>
        <dt>{t('meetings.status')}</dt>
        <dd>{t(`meetings.statuses.${meeting.status}`, { defaultValue: meeting.status })}</dd>
        {meeting.location ? (
          <>
            <dt>{t('meetings.location')}</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        {meeting.videoUrl ? (
          <>
            <dt>{t('meetings.videoUrl')}</dt>
            <dd>
              <GcdsLink href={meeting.videoUrl} external>
                {meeting.videoUrl}
              </GcdsLink>
            </dd>
          </>
        ) : null}
      </dl>
      {meeting.warnings?.length ? (
        <GcdsNotice noticeRole="warning" noticeTitle={t('meetings.warningsTitle')} noticeTitleTag="h2">
          <ul>
            {meeting.warnings.map((w, i) => (
              <li key={i}>{describeWarning(w, meeting.invitees ?? [], lang, t)}</li>
            ))}
          </ul>
        </GcdsNotice>
      ) : null}
      <div className="row-actions">
        <ActionButton onClick={() => void download(`/meetings/${id}/calendar.ics`, `meeting-${id}.ics`)}>{t('meetings.calendar')}</ActionButton>
        {isSecretariat && meeting.status !== 'cancelled' ? (
          <ActionButton variant="danger" onClick={() => setConfirmingCancel(true)}>
            {t('meetings.cancel')}
          </ActionButton>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirmingCancel}
        heading={t('meetingLists.cancelHeading')}
        body={
          <p data-testid="cancel-notified">
            {t('meetingLists.cancelBody', { governments: (meeting.invitees ?? []).map((g) => (lang === 'fr' ? g.nameFr : g.nameEn)).join(', ') || '—' })}
          </p>
        }
        confirmLabel={t('meetingLists.cancelConfirm')}
        onCancel={() => setConfirmingCancel(false)}
        onConfirm={() => {
          setConfirmingCancel(false);
          void run(() => api('PATCH', `/meetings/${id}`, { status: 'cancelled' }));
        }}
      />
      <FormError error={actionError} />
      {isSecretariat && meeting.status === 'scheduled' ? <RescheduleMeetingForm meeting={meeting} onDone={reload} /> : null}
      {meeting.invitees?.length ? (
        <>
          <SectionHeading>{t('meetings.invitees')}</SectionHeading>
          <TableScroll>
            <table className="data-table">
              <caption className="sr-only">{t('meetings.invitees')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bodies.government')}</th>
                  <th scope="col">{t('bodies.role')}</th>
                  <th scope="col">{t('meetings.localTime')}</th>
                  {isSecretariat ? <th scope="col">{t('meetings.attendance')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {meeting.invitees.map((g) => (
                  <tr key={g.governmentId}>
                    <td>{lang === 'fr' ? g.nameFr : g.nameEn}</td>
                    <td>{t(`roles.${g.role}`, { defaultValue: g.role })}</td>
                    <td>{formatLocalTime(g.localStartsAt, lang, (lang === 'fr' ? g.zoneAbbreviationFr : g.zoneAbbreviation) ?? g.timeZone)}</td>
                    {isSecretariat ? (
                      <td>
                        <SelectField
                          id={`attendance-${g.governmentId}`}
                          label={t('meetings.attendanceOf', { name: lang === 'fr' ? g.nameFr : g.nameEn })}
                          value={attendanceOf(g.governmentId)}
                          defaultLabel={t('common.choose')}
                          onChange={(status) => void run(() => api('PUT', `/meetings/${id}/attendance/${g.governmentId}`, { status }))}
                          options={['present', 'absent', 'regrets'].map((s) => ({ value: s, label: t(`meetings.attendanceStatuses.${s}`) }))}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {attendance ? (
            <p data-testid="quorum">
              {t(attendance.quorum.met ? 'meetings.quorumMet' : 'meetings.quorumNotMet', {
                present: attendance.quorum.present,
                required: attendance.quorum.required,
                eligible: attendance.quorum.eligible,
              })}
            </p>
          ) : null}
        </>
      ) : null}
      <AgendaSection
        meetingId={id}
        agenda={agenda}
        governments={governments}
        invitees={meeting.invitees ?? []}
        published={Boolean(meeting.agendaPublishedAt)}
        translationToFollow={Boolean(meeting.agendaTranslationToFollow)}
        onChange={reload}
      />
      <MinutesSection meetingId={id} governments={governments} />
      <DecisionsSection meeting={meeting} decisions={decisions} governments={governments} onChange={reload} />
      <DocumentsSection
        bodyId={meeting.bodyId}
        meetingId={id}
        governments={governments.filter((g) => (meeting.invitees ?? []).some((i) => i.governmentId === g.id))}
        agendaItems={agenda.map((a) => ({ id: a.id, title: a.title, position: a.position }))}
      />
    </>
  );
}

type Decision = RecordedDecision;

function AgendaSection({
  meetingId,
  agenda,
  governments,
  invitees,
  published,
  translationToFollow,
  onChange,
}: {
  meetingId: string;
  agenda: AgendaItem[];
  governments: Government[];
  invitees: Invitee[];
  published: boolean;
  translationToFollow?: boolean;
  onChange(): Promise<void>;
}) {
  const text = useText();
  const [awaitingTranslation, setAwaitingTranslation] = useState(false);
  const { t, i18n } = useTranslation();
  const { isSecretariat } = useAuth();
  const [form, setForm] = useState({ title: '', titlePair: { en: '', fr: '' }, purpose: 'discussion', durationMinutes: '15', presenterGovernmentId: '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const move = async (item: AgendaItem, toPosition: number) => {
    if (toPosition < 1 || toPosition > agenda.length || toPosition === item.position) return;
    setError(null);
    try {
      await api('PATCH', `/meetings/${meetingId}/agenda-items/${item.id}`, { position: toPosition });
      setAnnouncement(t('agenda.moved', { title: text(item, 'title'), position: toPosition, count: agenda.length }));
    } catch (e) {
      setError(e as ApiError);
    }
    await onChange();
    // keep the keyboard where the moved item now is
    requestAnimationFrame(() => document.getElementById(`agenda-${item.id}`)?.focus());
  };

  const onKey = (item: AgendaItem) => (e: KeyboardEvent) => {
    // keys typed in the item's own forms are the forms'
    if (!isSecretariat || e.target !== e.currentTarget) return;
    if (e.key === 'ArrowUp' && (e.altKey || e.ctrlKey)) {
      e.preventDefault();
      void move(item, item.position - 1);
    } else if (e.key === 'ArrowDown' && (e.altKey || e.ctrlKey)) {
      e.preventDefault();
      void move(item, item.position + 1);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const minutes = Number(form.durationMinutes);
    const errs = {
      title: form.titlePair.en.trim() || form.titlePair.fr.trim() ? undefined : t('agenda.titleRequired'),
      durationMinutes: Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440 ? undefined : t('agenda.durationInvalid'),
    };
    setFieldErrors(errs);
    if (errs.title || errs.durationMinutes) return;
    try {
      await api('POST', `/meetings/${meetingId}/agenda-items`, {
        ...pairPayload('title', form.titlePair),
        purpose: form.purpose,
        durationMinutes: minutes,
        ...(form.presenterGovernmentId ? { presenterGovernmentId: form.presenterGovernmentId } : {}),
      });
      setForm((f) => ({ ...f, title: '', titlePair: { en: '', fr: '' } }));
      await onChange();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const total = agenda.reduce((sum, a) => sum + a.durationMinutes, 0);
  return (
    <section aria-labelledby="agenda">
      <SectionHeading>
        <span id="agenda">{t('agenda.title')}</span>
      </SectionHeading>
      <p>
        {published ? t('agenda.published') : t('agenda.notPublished')} · {t('agenda.totalMinutes', { count: total })}
        {published && translationToFollow ? (
          <>
            {' '}
            ·{' '}
            <span className="flag translation-pending" data-testid="agenda-translation-to-follow">
              {t('translation.toFollowNotice')}
            </span>
          </>
        ) : null}
      </p>
      {isSecretariat && agenda.length > 1 ? <p className="hint">{t('agenda.reorderHelp')}</p> : null}
      <div className="sr-only" aria-live="assertive">
        {announcement}
      </div>
      <FormError error={error} />
      <ol className="agenda-list" data-testid="agenda-list">
        {agenda.map((a) => (
          <li
            key={a.id}
            id={`agenda-${a.id}`}
            tabIndex={isSecretariat ? 0 : undefined}
            className={dragging === a.id ? 'dragging' : undefined}
            draggable={isSecretariat}
            onKeyDown={onKey(a)}
            onDragStart={(e) => {
              setDragging(a.id);
              e.dataTransfer.setData('text/plain', a.id);
            }}
            onDragEnd={() => setDragging(null)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const moved = agenda.find((x) => x.id === e.dataTransfer.getData('text/plain'));
              setDragging(null);
              if (moved) void move(moved, a.position);
            }}
            aria-label={t('agenda.itemLabel', { position: a.position, title: text(a, 'title') })}
          >
            <span>
              {isSecretariat ? (
                <span className="agenda-handle" aria-hidden="true">
                  ⠿{' '}
                </span>
              ) : null}
              <strong>
                {a.position}. <BilingualText record={a} field="title" />
              </strong>{' '}
              — {t(`agenda.purposes.${a.purpose}`)} · {t('agenda.minutes', { count: a.durationMinutes })}
              {a.presenterGovernmentId
                ? ` · ${governmentName(
                    governments.find((g) => g.id === a.presenterGovernmentId),
                    i18n.language,
                  )}`
                : ''}
            </span>
            {isSecretariat ? (
              <span className="row-actions">
                <ActionButton disabled={a.position === 1} onClick={() => void move(a, a.position - 1)}>
                  {t('agenda.moveUp', { title: a.title })}
                </ActionButton>
                <ActionButton disabled={a.position === agenda.length} onClick={() => void move(a, a.position + 1)}>
                  {t('agenda.moveDown', { title: a.title })}
                </ActionButton>
              </span>
            ) : null}
            <PaperList item={a} manage={isSecretariat ? { meetingId, invitees, published, onChange } : undefined} />
            {isSecretariat ? (
              <AgendaItemTools meetingId={meetingId} item={a} governments={governments} invitees={invitees} published={published} onChange={onChange} />
            ) : null}
          </li>
        ))}
      </ol>
      {isSecretariat ? (
        <>
          <form onSubmit={add} noValidate className="narrow-form">
            <SectionHeading tag="h3">{t('agenda.add')}</SectionHeading>
            <BilingualFields
              id="agenda-title"
              label={t('agenda.itemTitle')}
              value={form.titlePair}
              onChange={(titlePair) => setForm((f) => ({ ...f, titlePair }))}
              error={fieldErrors.title}
              required
            />
            <SelectField
              id="agenda-purpose"
              label={t('agenda.purpose')}
              value={form.purpose}
              onChange={set('purpose')}
              options={['information', 'discussion', 'decision'].map((p) => ({ value: p, label: t(`agenda.purposes.${p}`) }))}
            />
            <TextField
              id="agenda-duration"
              label={t('agenda.duration')}
              type="number"
              value={form.durationMinutes}
              onChange={set('durationMinutes')}
              error={fieldErrors.durationMinutes}
              required
            />
            <SelectField
              id="agenda-presenter"
              label={t('agenda.presenter')}
              value={form.presenterGovernmentId}
              onChange={set('presenterGovernmentId')}
              defaultLabel={t('common.none')}
              options={governments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
            />
            <SubmitButton>{t('agenda.addSubmit')}</SubmitButton>
          </form>
          {!published && agenda.length > 0 ? (
            <ActionButton
              variant="primary"
              onClick={() =>
                void api('POST', `/meetings/${meetingId}/agenda/publish`).then(onChange, (e) => {
                  // parity: an agenda awaiting translation goes out only when the secretariat says it is to follow
                  if ((e as ApiError).status === 409 && JSON.stringify((e as ApiError).body).includes('translation_pending')) setAwaitingTranslation(true);
                  else setError(e as ApiError);
                })
              }
            >
              {t('agenda.publish')}
            </ActionButton>
          ) : null}
          {!published && awaitingTranslation ? (
            <GcdsNotice noticeRole="warning" noticeTitle={t('translation.agendaPending')} noticeTitleTag="h3">
              <p>{t('translation.agendaPendingHelp')}</p>
              <ActionButton
                onClick={() =>
                  void api('POST', `/meetings/${meetingId}/agenda/publish`, { translationToFollow: true }).then(onChange, (e) => setError(e as ApiError))
                }
              >
                {t('translation.publishToFollow')}
              </ActionButton>
            </GcdsNotice>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function DecisionsSection({
  meeting,
  decisions,
  governments,
  onChange,
}: {
  meeting: Meeting;
  decisions: Decision[];
  governments: Government[];
  onChange(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { isSecretariat } = useAuth();
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [turning, setTurning] = useState<Decision | null>(null);
  const [item, setItem] = useState({ leadGovernmentId: '', dueOn: '' });
  const [itemErrors, setItemErrors] = useState<Record<string, string | undefined>>({});
  const parties = (meeting.invitees ?? []).filter((g) => g.role !== 'observer').map((g) => g.governmentId);
  const parent = useParentBody(meeting.bodyId);
  const memberGovernments = useMemo(() => {
    const invited = new Set(meeting.invitees.map((g) => g.governmentId));
    return invited.size ? governments.filter((g) => invited.has(g.id)) : governments;
  }, [meeting, governments]);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!text.trim()) {
      setTextError(t('decisions.textRequired'));
      return;
    }
    setTextError(undefined);
    try {
      await api('POST', `/meetings/${meeting.id}/decisions`, { text: text.trim() });
      setText('');
      await onChange();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const createItem = async (event: FormEvent) => {
    event.preventDefault();
    if (!turning) return;
    const errs = {
      leadGovernmentId: item.leadGovernmentId ? undefined : t('actionItems.leadRequired'),
      dueOn: item.dueOn ? undefined : t('actionItems.dueRequired'),
    };
    setItemErrors(errs);
    if (errs.leadGovernmentId || errs.dueOn) return;
    try {
      // the decision's own route: the item remembers the decision, its meeting and its body
      const created = await api<{ id: string }>('POST', `/meetings/${meeting.id}/decisions/${turning.id}/action-items`, {
        title: turning.text.slice(0, 200),
        leadGovernmentId: item.leadGovernmentId,
        dueOn: item.dueOn,
      });
      navigate(`/action-items/${created.id}`);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <section aria-labelledby="decisions">
      <SectionHeading>
        <span id="decisions">{t('decisions.title')}</span>
      </SectionHeading>
      <FormError error={error} />
      {decisions.length === 0 ? <p>{t('decisions.none')}</p> : null}
      <ol>
        {decisions.map((d) => (
          <li key={d.id}>
            {d.text} {isSecretariat ? <ActionButton onClick={() => setTurning(d)}>{t('decisions.toActionItem', { number: d.number })}</ActionButton> : null}
            <PositionsPanel meetingId={meeting.id} decision={d} parties={parties} governments={governments} onChange={onChange} />
            <DecisionReferral meetingId={meeting.id} decision={d} parent={parent} onChange={onChange} />
          </li>
        ))}
      </ol>
      {turning ? (
        <form onSubmit={createItem} noValidate className="narrow-form card">
          <SectionHeading tag="h3">{t('decisions.newActionItem', { number: turning.number })}</SectionHeading>
          <p>{turning.text}</p>
          <SelectField
            id="item-lead"
            label={t('actionItems.lead')}
            value={item.leadGovernmentId}
            onChange={(v) => setItem((x) => ({ ...x, leadGovernmentId: v }))}
            error={itemErrors.leadGovernmentId}
            defaultLabel={t('common.choose')}
            options={memberGovernments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
            required
          />
          <NativeField
            id="item-due"
            type="date"
            label={t('actionItems.dueOn')}
            value={item.dueOn}
            onChange={(v) => setItem((x) => ({ ...x, dueOn: v }))}
            error={itemErrors.dueOn}
            required
          />
          <SubmitButton>{t('decisions.createActionItem')}</SubmitButton>
        </form>
      ) : null}
      {isSecretariat ? (
        <form onSubmit={record} noValidate className="narrow-form">
          <TextAreaField id="decision-text" label={t('decisions.text')} value={text} onChange={setText} error={textError} rows={3} required />
          <SubmitButton>{t('decisions.record')}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
