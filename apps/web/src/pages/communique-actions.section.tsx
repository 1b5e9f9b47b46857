import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/api-client';
import type { Communique, Membership, Revision } from '../api/types';
import { BilingualFields, BilingualText, pairPayload } from '../components/bilingual';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ActionButton, SubmitButton, TextField } from '../components/fields';
import { TextAreaField } from '../components/choice-fields';
import { FormError, governmentName, SectionHeading } from '../components/ui';
import { formatDateTime } from '../i18n/format';

const blankPair = { en: '', fr: '' };
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, null));

/**
 * A published text is never edited: the secretariat proposes a correction (a new revision with a visible note),
 * the member governments concur on it, and only then does the public see it.
 */
export function CorrectionSection({ communique: c, onDone }: { communique: Communique; onDone(message: string): Promise<void> }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ titleEn: c.titleEn, titleFr: c.titleFr, bodyEn: c.bodyEn, bodyFr: c.bodyFr });
  const [note, setNote] = useState(blankPair);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const local = { note: note.en.trim() || note.fr.trim() ? undefined : t('communiqueCorrections.noteRequired') };
    setErrors(local);
    if (local.note) return;
    try {
      await api('POST', `/communiques/${c.id}/corrections`, { ...form, ...pairPayload('note', note) });
      setNote(blankPair);
      // the page shows the message: this form starts again on the new revision
      await onDone(t('communiqueCorrections.proposed'));
    } catch (e) {
      const err = asApiError(e);
      const fields = err.forFields({ titleEn: 'titleEn', titleFr: 'titleFr', bodyEn: 'bodyEn', bodyFr: 'bodyFr', note: 'noteEn' });
      if (fields) setErrors(fields);
      else setError(err);
    }
  };
  return (
    <section aria-labelledby="communique-correction">
      <SectionHeading>
        <span id="communique-correction">{t('communiqueCorrections.propose')}</span>
      </SectionHeading>
      <p>{t('communiqueCorrections.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="wide-form">
        <FormError error={error} />
        <div className="side-by-side">
          <div lang="en">
            <TextField
              id="correction-title-en"
              label={t('communiques.titleEn')}
              value={form.titleEn}
              onChange={set('titleEn')}
              error={errors.titleEn}
              required
            />
            <TextAreaField
              id="correction-body-en"
              label={t('communiques.bodyEn')}
              value={form.bodyEn}
              onChange={set('bodyEn')}
              error={errors.bodyEn}
              rows={10}
              required
            />
          </div>
          <div lang="fr">
            <TextField
              id="correction-title-fr"
              label={t('communiques.titleFr')}
              value={form.titleFr}
              onChange={set('titleFr')}
              error={errors.titleFr}
              required
            />
            <TextAreaField
              id="correction-body-fr"
              label={t('communiques.bodyFr')}
              value={form.bodyFr}
              onChange={set('bodyFr')}
              error={errors.bodyFr}
              rows={10}
              required
            />
          </div>
        </div>
        <BilingualFields id="correction-note" label={t('communiqueCorrections.note')} value={note} onChange={setNote} error={errors.note} required multiline />
        <SubmitButton>{t('communiqueCorrections.submit')}</SubmitButton>
      </form>
    </section>
  );
}

/** Where a correction stands: the public keeps the published revision until every party concurred and it is published. */
export function CorrectionNotice({ communique: c, revisions }: { communique: Communique; revisions: Revision[] }) {
  const { t } = useTranslation();
  if (!c.correction || c.correction.status !== 'in_concurrence') return null;
  const revision = revisions.find((r) => r.number === c.correction!.revision);
  return (
    <div className="card" data-testid="correction-notice">
      <p>
        <strong>{t('communiqueCorrections.pending', { revision: c.correction.revision, published: c.publishedRevision })}</strong>
      </p>
      {revision ? (
        <p>
          {t('communiqueCorrections.noteShown')} <BilingualText record={revision} field="correctionNote" />
        </p>
      ) : null}
    </div>
  );
}

/** The secretariat withdraws a published communiqué; its page stays citable, under a notice giving the reason. */
export function WithdrawSection({ communique: c, members, onDone }: { communique: Communique; members: Membership[]; onDone(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState(blankPair);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const title = i18n.language === 'fr' ? c.titleFr || c.titleEn : c.titleEn || c.titleFr;
  const told = members.map((m) => governmentName(m.government, i18n.language)).join(', ');
  const ask = () => {
    setError(null);
    const missing = reason.en.trim() || reason.fr.trim() ? undefined : t('communiqueWithdrawal.reasonRequired');
    setReasonError(missing);
    if (!missing) setConfirming(true);
  };
  const withdraw = async () => {
    setConfirming(false);
    try {
      await api('POST', `/communiques/${c.id}/withdraw`, pairPayload('reason', reason));
      await onDone();
    } catch (e) {
      const err = asApiError(e);
      const fields = err.forFields({ en: 'reasonEn', fr: 'reasonFr' });
      if (fields) setReasonError(fields.en ?? fields.fr);
      else setError(err);
    }
  };
  return (
    <section aria-labelledby="communique-withdrawal">
      <SectionHeading>
        <span id="communique-withdrawal">{t('communiqueWithdrawal.title')}</span>
      </SectionHeading>
      <p>{t('communiqueWithdrawal.intro')}</p>
      <div className="wide-form">
        <FormError error={error} />
        <BilingualFields
          id="withdrawal-reason"
          label={t('communiqueWithdrawal.reason')}
          value={reason}
          onChange={setReason}
          error={reasonError}
          required
          multiline
        />
        <ActionButton variant="danger" onClick={ask}>
          {t('communiqueWithdrawal.withdraw')}
        </ActionButton>
      </div>
      <ConfirmDialog
        open={confirming}
        heading={t('communiqueWithdrawal.confirmHeading', { title })}
        body={t('communiqueWithdrawal.confirmBody', { governments: told })}
        confirmLabel={t('communiqueWithdrawal.confirm')}
        onConfirm={() => void withdraw()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}

export function WithdrawalNotice({ communique: c }: { communique: Communique }) {
  const { t, i18n } = useTranslation();
  if (c.status !== 'withdrawn') return null;
  return (
    <div className="card" data-testid="withdrawal-notice">
      <p>
        <strong>{t('communiqueWithdrawal.withdrawnOn', { date: c.withdrawnAt ? formatDateTime(c.withdrawnAt, i18n.language) : '—' })}</strong>
      </p>
      {c.withdrawalReasonEn || c.withdrawalReasonFr ? (
        <p>
          {t('communiqueWithdrawal.reasonShown')} <BilingualText record={c} field="withdrawalReason" />
        </p>
      ) : null}
    </div>
  );
}

/**
 * A government may concur and still record a reservation: it is printed as a footnote in each language, so
 * both are asked for (either may follow in translation).
 */
export function ReservationForm({ communique: c, onDone }: { communique: Communique; onDone(message: string): Promise<void> }) {
  const { t } = useTranslation();
  const [reservation, setReservation] = useState(blankPair);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const missing = reservation.en.trim() || reservation.fr.trim() ? undefined : t('communiqueReservations.required');
    setFieldError(missing);
    if (missing) return;
    try {
      await api('POST', `/communiques/${c.id}/concurrences`, {
        revision: c.revision,
        position: 'concur_with_reservation',
        ...pairPayload('comment', reservation),
      });
      setReservation(blankPair);
      await onDone(t('communiqueReservations.recorded'));
    } catch (e) {
      const err = asApiError(e);
      const fields = err.forFields({ en: 'commentEn', fr: 'commentFr' });
      if (fields) setFieldError(fields.en ?? fields.fr);
      else setError(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="wide-form" aria-labelledby="concur-reservation">
      <SectionHeading tag="h3">
        <span id="concur-reservation">{t('communiqueReservations.title')}</span>
      </SectionHeading>
      <FormError error={error} />
      <BilingualFields
        id="reservation"
        label={t('communiqueReservations.text')}
        value={reservation}
        onChange={setReservation}
        error={fieldError}
        required
        multiline
      />
      <SubmitButton>{t('communiqueReservations.submit')}</SubmitButton>
    </form>
  );
}
