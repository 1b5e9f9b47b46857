import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { GcdsNotice, GcdsText } from '@gcds-core/components-react';
import { api, ApiError, Page } from '../api/api-client';
import type { Body, Meeting, Slot } from '../api/types';
import { ActionButton, NativeField, SubmitButton, TextField } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { bodyName, FormError, SectionHeading } from '../components/ui';
import { formatDateTime, isoToLocalInput, localInputToIso, userTimeZone } from '../i18n/format';
import { BilingualFields, pairPayload } from '../components/bilingual';
import { describeWarning, timeWarnings } from './meeting-warnings';

/** a meeting as the API answers a create or an update: with its invitees and the warnings to confirm */
type CheckedMeeting = Meeting;

const SLOT_SEARCH_DAYS = 21;
const DEFAULT_MINUTES = 60;
const FIELDS = ['bodyId', 'title', 'startsAt', 'endsAt', 'location', 'videoUrl'] as const;

/**
 * Scheduling asks the API, never guesses in the browser: the API knows every invited government's
 * working day, its statutory holidays and the delegates' calendars.
 * - "Suggest" calls GET /meetings/slots.
 * - Saving first creates a draft (a draft invites nobody), which is the API's dry run: its warnings are
 *   shown, and the secretariat moves the draft or sends the invitations anyway. A time without
 *   warnings is sent at once.
 */
export function ScheduleMeetingForm({
  bodies,
  initialBodyId,
  initial,
  onChange,
}: {
  bodies: Body[];
  initialBodyId: string;
  /** a time chosen elsewhere (an indicator's emergency slot), as ISO instants */
  initial?: { title: string; startsAt: string; endsAt: string };
  onChange(): void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lang = i18n.language;
  const [form, setForm] = useState({
    bodyId: initialBodyId,
    title: initial?.title ?? '',
    titlePair: { en: '', fr: '' },
    startsAt: initial?.startsAt ? isoToLocalInput(initial.startsAt) : '',
    endsAt: initial?.endsAt ? isoToLocalInput(initial.endsAt) : '',
    location: '',
    videoUrl: '',
  });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState<CheckedMeeting | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const startIso = form.startsAt ? localInputToIso(form.startsAt) : null;
  const endIso = form.endsAt ? localInputToIso(form.endsAt) : null;
  const warnings = timeWarnings(draft?.warnings);

  const fail = (e: unknown) => {
    const err = e instanceof ApiError ? e : new ApiError(0, null);
    const named = FIELDS.filter((f) => err.forField(f));
    if (named.length) setFieldErrors(Object.fromEntries(named.map((f) => [f, err.forField(f)])));
    else setError(err);
  };

  const suggest = async () => {
    setError(null);
    if (!form.bodyId) {
      setFieldErrors({ bodyId: t('meetings.bodyRequired') });
      return;
    }
    const minutes = startIso && endIso ? Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60000) : DEFAULT_MINUTES;
    const duration = Math.min(600, Math.max(15, minutes > 0 ? minutes : DEFAULT_MINUTES));
    // from the time typed in (when it is ahead), else from now: the API never offers a time in the past of that
    const from = startIso && Date.parse(startIso) > Date.now() ? new Date(startIso) : new Date();
    const to = new Date(from.getTime() + SLOT_SEARCH_DAYS * 24 * 3600_000);
    const query = new URLSearchParams({ bodyId: form.bodyId, durationMinutes: String(duration), from: from.toISOString(), to: to.toISOString(), count: '3' });
    try {
      setSlots((await api<Page<Slot>>('GET', `/meetings/slots?${query}`)).items);
    } catch (e) {
      fail(e);
    }
  };

  const takeSlot = (slot: Slot) => {
    setForm((f) => ({ ...f, startsAt: isoToLocalInput(slot.startsAt), endsAt: isoToLocalInput(slot.endsAt) }));
    setSlots(null);
    setFieldErrors({});
  };

  const send = async (meeting: CheckedMeeting) => {
    const scheduled = await api<Meeting>('PATCH', `/meetings/${meeting.id}`, { status: 'scheduled' });
    navigate(`/meetings/${scheduled.id}`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const errs: Record<string, string | undefined> = {
      bodyId: form.bodyId ? undefined : t('meetings.bodyRequired'),
      title: form.titlePair.en.trim() || form.titlePair.fr.trim() ? undefined : t('meetings.titleRequired'),
      startsAt: form.startsAt ? undefined : t('meetings.startRequired'),
      endsAt: !form.endsAt ? t('meetings.endRequired') : startIso && endIso && endIso <= startIso ? t('meetings.endAfterStart') : undefined,
    };
    setFieldErrors(errs);
    if (Object.values(errs).some(Boolean)) return;
    setBusy(true);
    try {
      let checked: CheckedMeeting;
      if (!draft) {
        checked = await api<CheckedMeeting>('POST', '/meetings', {
          bodyId: form.bodyId,
          ...pairPayload('title', form.titlePair),
          startsAt: startIso,
          endsAt: endIso,
          status: 'draft',
          ...(form.location.trim() ? { location: form.location.trim() } : {}),
          ...(form.videoUrl.trim() ? { videoUrl: form.videoUrl.trim() } : {}),
        });
      } else {
        const moved = draft.startsAt !== startIso || draft.endsAt !== endIso;
        checked = await api<CheckedMeeting>('PATCH', `/meetings/${draft.id}`, {
          ...pairPayload('title', form.titlePair),
          startsAt: startIso,
          endsAt: endIso,
          location: form.location.trim() || null,
          videoUrl: form.videoUrl.trim() || null,
        });
        // the API checks the time again only when it changed; an unchanged time keeps what it found before
        if (!moved) checked = { ...checked, warnings: draft.warnings };
      }
      if (timeWarnings(checked.warnings).length === 0) {
        await send(checked);
        return;
      }
      setDraft(checked);
      onChange();
      // the list of problems replaces the form's submit button as what a screen reader should hear next
      requestAnimationFrame(() => document.getElementById('schedule-warnings-title')?.focus());
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!draft) return;
    try {
      await api('PATCH', `/meetings/${draft.id}`, { status: 'cancelled', reason: 'Discarded before anyone was invited' });
      setDraft(null);
      onChange();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section aria-labelledby="schedule-meeting">
      <SectionHeading>
        <span id="schedule-meeting">{t('meetings.schedule')}</span>
      </SectionHeading>
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={error} />
        {draft ? null : (
          <SelectField
            id="meeting-body"
            label={t('meetings.body')}
            value={form.bodyId}
            onChange={set('bodyId')}
            error={fieldErrors.bodyId}
            defaultLabel={t('common.choose')}
            options={bodies.map((b) => ({ value: b.id, label: bodyName(b, lang) }))}
            required
          />
        )}
        <BilingualFields
          id="meeting-title"
          label={t('meetings.meetingTitle')}
          value={form.titlePair}
          onChange={(titlePair) => setForm((f) => ({ ...f, titlePair }))}
          error={fieldErrors.title}
          required
        />
        <NativeField
          id="meeting-starts"
          type="datetime-local"
          label={t('meetings.startsAt')}
          hint={t('meetings.inYourZone', { zone: userTimeZone() })}
          value={form.startsAt}
          onChange={set('startsAt')}
          error={fieldErrors.startsAt}
          required
        />
        <NativeField
          id="meeting-ends"
          type="datetime-local"
          label={t('meetings.endsAt')}
          value={form.endsAt}
          onChange={set('endsAt')}
          error={fieldErrors.endsAt}
          required
        />
        <div className="row-actions">
          <ActionButton onClick={() => void suggest()}>{t('meetings.suggestSlot')}</ActionButton>
        </div>
        {slots ? (
          <div className="card" data-testid="slot-suggestions" aria-live="polite">
            <SectionHeading tag="h3">{t('meetings.slotsTitle')}</SectionHeading>
            <GcdsText>{t('meetings.slotsSource')}</GcdsText>
            {slots.length === 0 ? <p>{t('meetings.slotsNone', { days: SLOT_SEARCH_DAYS })}</p> : null}
            <ul>
              {slots.map((slot) => (
                <li key={slot.startsAt}>
                  <strong>{formatDateTime(slot.startsAt, lang)}</strong>
                  <br />
                  <small>{slot.invitees.map((i) => `${i.code} ${i.localStartsAt.slice(11, 16)}–${i.localEndsAt.slice(11, 16)}`).join(' · ')}</small>
                  <div className="row-actions">
                    <ActionButton onClick={() => takeSlot(slot)}>{t('meetings.useSlot', { when: formatDateTime(slot.startsAt, lang) })}</ActionButton>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="warnings" aria-live="polite" data-testid="schedule-warnings">
          {draft && warnings.length ? (
            <GcdsNotice noticeRole="warning" noticeTitle={t('meetings.warningsTitle')} noticeTitleTag="h3">
              <GcdsText>
                <span id="schedule-warnings-title" tabIndex={-1}>
                  {t('meetings.draftNotSent')}
                </span>
              </GcdsText>
              <ul>
                {warnings.map((w, i) => (
                  <li key={i}>{describeWarning(w, draft.invitees ?? [], lang, t)}</li>
                ))}
              </ul>
            </GcdsNotice>
          ) : null}
        </div>
        {draft?.invitees?.length ? (
          <details>
            <summary>{t('meetings.perZone')}</summary>
            <ul>
              {draft.invitees.map((i) => (
                <li key={i.governmentId}>
                  {lang === 'fr' ? i.nameFr : i.nameEn}: {formatDateTime(draft.startsAt, lang, i.timeZone)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <TextField id="meeting-location" label={t('meetings.location')} value={form.location} onChange={set('location')} error={fieldErrors.location} />
        <TextField id="meeting-video" label={t('meetings.videoUrl')} type="url" value={form.videoUrl} onChange={set('videoUrl')} error={fieldErrors.videoUrl} />
        <div className="row-actions">
          <SubmitButton disabled={busy}>{draft ? t('meetings.checkAgain') : t('meetings.scheduleSubmit')}</SubmitButton>
          {draft ? (
            <>
              <ActionButton variant="primary" disabled={busy} onClick={() => void send(draft).catch(fail)}>
                {t('meetings.sendAnyway')}
              </ActionButton>
              <ActionButton variant="danger" disabled={busy} onClick={() => void discard()}>
                {t('meetings.discardDraft')}
              </ActionButton>
            </>
          ) : null}
        </div>
        <p className="hint">{draft ? t('meetings.moveHelp') : t('meetings.checkHelp')}</p>
      </form>
    </section>
  );
}
