import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsNotice } from '@gcds-core/components-react';
import { api, ApiError } from '../api/api-client';
import type { Meeting } from '../api/types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorSummary } from '../components/error-summary';
import { NativeField, SubmitButton } from '../components/fields';
import { TextAreaField } from '../components/choice-fields';
import { FormError, SectionHeading, Success } from '../components/ui';
import { isoToLocalInput, localInputToIso, userTimeZone } from '../i18n/format';
import { describeWarning } from './meeting-warnings';

const FIELD_IDS = { startsAt: 'reschedule-starts', endsAt: 'reschedule-ends', reason: 'reschedule-reason' } as const;

/**
 * Moving a scheduled meeting tells every invited government (and its delegates), so the secretariat confirms
 * first, seeing who will be told. The API answers with what the new time runs into (outside working hours or on
 * a holiday in a zone, a delegate booked elsewhere, an agenda longer than the meeting), shown as notices.
 */
export function RescheduleMeetingForm({ meeting, onDone }: { meeting: Meeting; onDone(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form, setForm] = useState({ startsAt: isoToLocalInput(meeting.startsAt), endsAt: isoToLocalInput(meeting.endsAt), reason: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof FIELD_IDS, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [moved, setMoved] = useState<Meeting | null>(null);
  const told = (meeting.invitees ?? []).map((i) => (lang === 'fr' ? i.nameFr : i.nameEn)).join(', ');

  const check = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const start = form.startsAt ? localInputToIso(form.startsAt) : null;
    const end = form.endsAt ? localInputToIso(form.endsAt) : null;
    const found = {
      startsAt: start ? undefined : t('meetings.startRequired'),
      endsAt: !end ? t('meetings.endRequired') : start && end <= start ? t('meetings.endAfterStart') : undefined,
    };
    setErrors(found);
    if (found.startsAt || found.endsAt) return;
    if (start === meeting.startsAt && end === meeting.endsAt) return setErrors({ startsAt: t('reschedule.unchanged') });
    setConfirming(true);
  };

  const reschedule = async () => {
    setConfirming(false);
    try {
      const answer = await api<Meeting>('PATCH', `/meetings/${meeting.id}`, {
        startsAt: localInputToIso(form.startsAt),
        endsAt: localInputToIso(form.endsAt),
        ...(form.reason.trim() ? { reason: form.reason.trim() } : {}),
      });
      setMoved(answer);
      setForm((f) => ({ ...f, reason: '' }));
      await onDone();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      const named = err.forFields({ startsAt: 'startsAt', endsAt: 'endsAt', reason: 'reason' });
      if (named) setErrors(named);
      else setError(err);
    }
  };

  return (
    <section aria-labelledby="reschedule-meeting">
      <SectionHeading>
        <span id="reschedule-meeting">{t('reschedule.heading')}</span>
      </SectionHeading>
      <form onSubmit={check} noValidate className="narrow-form">
        <ErrorSummary errors={{ [FIELD_IDS.startsAt]: errors.startsAt, [FIELD_IDS.endsAt]: errors.endsAt, [FIELD_IDS.reason]: errors.reason }} />
        <FormError error={error} />
        {moved ? (
          <div data-testid="reschedule-result">
            <Success>{t('reschedule.done', { governments: told })}</Success>
            {moved.warnings?.length ? (
              <GcdsNotice noticeRole="warning" noticeTitle={t('reschedule.warningsTitle')} noticeTitleTag="h3">
                <ul>
                  {moved.warnings.map((w, i) => (
                    <li key={i}>{describeWarning(w, moved.invitees ?? [], lang, t)}</li>
                  ))}
                </ul>
              </GcdsNotice>
            ) : null}
          </div>
        ) : null}
        <NativeField
          id={FIELD_IDS.startsAt}
          type="datetime-local"
          label={t('meetings.startsAt')}
          hint={t('meetings.inYourZone', { zone: userTimeZone() })}
          value={form.startsAt}
          onChange={(startsAt) => setForm((f) => ({ ...f, startsAt }))}
          error={errors.startsAt}
          required
        />
        <NativeField
          id={FIELD_IDS.endsAt}
          type="datetime-local"
          label={t('meetings.endsAt')}
          value={form.endsAt}
          onChange={(endsAt) => setForm((f) => ({ ...f, endsAt }))}
          error={errors.endsAt}
          required
        />
        <TextAreaField
          id={FIELD_IDS.reason}
          label={t('reschedule.reason')}
          hint={t('reschedule.reasonHint')}
          value={form.reason}
          onChange={(reason) => setForm((f) => ({ ...f, reason }))}
          error={errors.reason}
          rows={2}
        />
        <SubmitButton>{t('reschedule.submit')}</SubmitButton>
      </form>
      <ConfirmDialog
        open={confirming}
        heading={t('reschedule.confirmHeading')}
        body={<p>{told ? t('reschedule.confirmBody', { governments: told }) : t('reschedule.confirmNobody')}</p>}
        confirmLabel={t('reschedule.confirm')}
        onConfirm={() => void reschedule()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
