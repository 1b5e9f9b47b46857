import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingReason, type DecisionView } from '@forum/contracts';
import { api, ApiError } from '../api/api-client';
import type { Body } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ActionButton, TextField } from '../components/fields';
import { bodyName, FormError } from '../components/ui';
import { formatDateTime } from '../i18n/format';

/** The body a meeting's body reports to, or null at the top of the tree. */
export function useParentBody(bodyId: string): Body | null {
  const { data } = useResource(async () => {
    const body = await api<Body>('GET', `/bodies/${bodyId}`);
    return body.parentId ? api<Body>('GET', `/bodies/${body.parentId}`) : null;
  }, [bodyId]);
  return data ?? null;
}

/** A decision referred up, or the secretariat's way of referring it (POST …/decisions/:id/referral), after confirming. */
export function DecisionReferral({
  meetingId,
  decision,
  parent,
  onChange,
}: {
  meetingId: string;
  decision: { id: string; number: number; referral?: DecisionView['referral'] };
  parent: Body | null;
  onChange(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { isSecretariat } = useAuth();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const parentName = bodyName(parent, lang);

  if (decision.referral) {
    return (
      <p className="hint" data-testid={`referral-${decision.number}`}>
        {t('referral.referred', {
          body: parent?.id === decision.referral.bodyId ? parentName : t('referral.parentBody'),
          when: formatDateTime(decision.referral.referredAt, lang),
        })}
        {decision.referral.note ? ` — ${decision.referral.note}` : ''}
      </p>
    );
  }
  if (!isSecretariat || !parent) return null;

  const refer = async () => {
    setConfirming(false);
    setError(null);
    try {
      await api('POST', `/meetings/${meetingId}/decisions/${decision.id}/referral`, note.trim() ? { note: note.trim() } : {});
      await onChange();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      // the two refusals a referral meets, said in the reader's language
      if (err.reason === MeetingReason.AlreadyReferred) setError(t('referral.alreadyReferred'));
      else if (err.reason === MeetingReason.NoParentBody) setError(t('referral.noParent'));
      else setError(err);
    }
  };

  return (
    <div className="referral">
      <FormError error={error} />
      <TextField id={`referral-note-${decision.number}`} label={t('referral.note', { number: decision.number })} value={note} onChange={setNote} />
      <ActionButton onClick={() => setConfirming(true)}>{t('referral.refer', { number: decision.number, body: parentName })}</ActionButton>
      <ConfirmDialog
        open={confirming}
        heading={t('referral.confirmHeading', { number: decision.number })}
        body={<p>{t('referral.confirmBody', { body: parentName })}</p>}
        confirmLabel={t('referral.confirm')}
        onConfirm={() => void refer()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
