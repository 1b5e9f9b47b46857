import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/api-client';
import type { Government } from '../api/types';
import { useAuth } from '../auth/auth-context';
import { ActionButton, SubmitButton } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { FormError, governmentName, SectionHeading, Success, TableScroll } from '../components/ui';
import { MarkdownField, RenderedText } from '../components/rendered-text';
import { formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';

interface Minutes {
  status: 'draft' | 'circulated' | 'adopted';
  revision: number;
  text: string | null;
  textEn: string | null;
  textFr: string | null;
  htmlEn: string | null;
  htmlFr: string | null;
  translation: { status: 'complete' | 'pending'; sourceLang: 'en' | 'fr' };
  translationToFollow: boolean;
  adoptedAt: string | null;
  comments: { id: string; governmentId: string | null; comment: string | null; commentEn: string | null; commentFr: string | null; createdAt: string }[];
}

/**
 * A bilingual text in the page's language, or the original while its translation is pending. (What an author
 * types is sent as the page language's side of the pair.)
 */
const inLanguage = (en: string | null | undefined, fr: string | null | undefined, lang: string) => (lang === 'fr' ? (fr ?? en) : (en ?? fr)) ?? null;

export interface Position {
  governmentId: string;
  position: 'agree' | 'agree_with_reservation' | 'abstain' | 'dissent';
  comment: string | null;
  commentEn?: string | null;
  commentFr?: string | null;
  recordedAt: string;
}

export interface RecordedDecision {
  id: string;
  number: number;
  text: string;
  agendaItemId: string | null;
  positions?: Position[];
  consensus?: boolean;
}

const POSITIONS = ['agree', 'agree_with_reservation', 'abstain', 'dissent'] as const;

/**
 * The minutes' life cycle: the secretariat drafts (both languages), circulates and adopts; member officials
 * read circulated minutes and comment; adopted minutes are frozen.
 */
export function MinutesSection({ meetingId, governments }: { meetingId: string; governments: Government[] }) {
  const { t, i18n } = useTranslation();
  const { isSecretariat } = useAuth();
  const lang = i18n.language;
  const [minutes, setMinutes] = useState<Minutes | null | undefined>(undefined);
  const [textEn, setTextEn] = useState('');
  const [textFr, setTextFr] = useState('');
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = async () => {
    // a draft is the secretariat's: members get 404 until the minutes are circulated, which means "none yet"
    let m: Minutes | null = null;
    try {
      m = await api<Minutes>('GET', `/meetings/${meetingId}/minutes`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) setError(e instanceof ApiError ? e : new ApiError(0, null));
    }
    setMinutes(m);
    setTextEn(m?.textEn ?? '');
    setTextFr(m?.textFr ?? '');
  };
  useEffect(() => {
    void load();
  }, [meetingId]);
  useLiveEvents(['minutes.updated'], (_, p) => {
    if (p?.meetingId === meetingId) void load();
  });

  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
    } catch (e) {
      setError(e as ApiError);
    }
    await load();
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, string> = {};
    if (textEn.trim()) body.textEn = textEn;
    if (textFr.trim()) body.textFr = textFr;
    if (!Object.keys(body).length) body.text = '';
    void act(() => api('PUT', `/meetings/${meetingId}/minutes`, body), t('minutes.saved'));
  };
  const sendComment = (event: FormEvent) => {
    event.preventDefault();
    void act(
      () => api('POST', `/meetings/${meetingId}/minutes/comments`, { [lang === 'fr' ? 'commentFr' : 'commentEn']: comment }),
      t('minutes.commented'),
    ).then(() => setComment(''));
  };

  if (minutes === undefined) return null;
  const frozen = minutes?.status === 'adopted';
  const governmentOf = (id: string | null) =>
    governmentName(
      governments.find((g) => g.id === id),
      lang,
    );
  return (
    <section aria-labelledby="minutes">
      <SectionHeading>
        <span id="minutes">{t('minutes.title')}</span>
      </SectionHeading>
      <FormError error={error} />
      {notice ? <Success>{notice}</Success> : null}
      {minutes ? (
        <p data-testid="minutes-status">
          {t(`minutes.statuses.${minutes.status}`)} · {t('minutes.revision', { revision: minutes.revision })}
          {minutes.translation.status === 'pending' ? ` · ${t('minutes.translationPending')}` : ''}
          {minutes.adoptedAt ? ` · ${formatDateTime(minutes.adoptedAt, lang)}` : ''}
        </p>
      ) : null}
      {isSecretariat && !frozen ? (
        <form onSubmit={save} noValidate className="wide-form">
          <MarkdownField id="minutes-text" label={t('minutes.textEn')} value={textEn} onChange={setTextEn} rows={6} />
          <MarkdownField id="minutes-text-fr" label={t('minutes.textFr')} value={textFr} onChange={setTextFr} rows={6} />
          <SubmitButton>{t('minutes.save')}</SubmitButton>
        </form>
      ) : (
        <div data-testid="minutes-text">
          {minutes && inLanguage(minutes.htmlEn, minutes.htmlFr, lang) ? (
            <RenderedText html={inLanguage(minutes.htmlEn, minutes.htmlFr, lang)} />
          ) : (
            <p>{t('minutes.none')}</p>
          )}
        </div>
      )}
      {isSecretariat && minutes ? (
        <div className="row-actions">
          {minutes.status === 'draft' ? (
            <ActionButton onClick={() => void act(() => api('POST', `/meetings/${meetingId}/minutes/circulate`, {}), t('minutes.circulatedNotice'))}>
              {t('minutes.circulate')}
            </ActionButton>
          ) : null}
          {minutes.status === 'circulated' ? (
            <ActionButton variant="primary" onClick={() => void act(() => api('POST', `/meetings/${meetingId}/minutes/adopt`, {}), t('minutes.adoptedNotice'))}>
              {t('minutes.adopt')}
            </ActionButton>
          ) : null}
        </div>
      ) : null}
      {minutes?.comments.length ? (
        <>
          <SectionHeading tag="h3">{t('minutes.comments')}</SectionHeading>
          <ul>
            {minutes.comments.map((c) => (
              <li key={c.id}>
                <strong>{governmentOf(c.governmentId)}</strong> ({formatDateTime(c.createdAt, lang)}): {inLanguage(c.commentEn, c.commentFr, lang) ?? c.comment}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!isSecretariat && minutes?.status === 'circulated' ? (
        <form onSubmit={sendComment} noValidate className="narrow-form">
          <TextAreaField id="minutes-comment" label={t('minutes.comment')} value={comment} onChange={setComment} rows={3} required />
          <SubmitButton>{t('minutes.sendComment')}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

/** Each party's position on a decision and whether consensus holds; the secretariat records any party's, an official its own. */
export function PositionsPanel({
  meetingId,
  decision,
  parties,
  governments,
  onChange,
}: {
  meetingId: string;
  decision: RecordedDecision;
  /** the non-observer invited governments */
  parties: string[];
  governments: Government[];
  onChange(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { isSecretariat, session } = useAuth();
  const lang = i18n.language;
  const own = session?.user.governmentId ?? '';
  const mayRecordFor = isSecretariat ? parties : parties.filter((id) => id === own);
  const [governmentId, setGovernmentId] = useState(mayRecordFor.length === 1 ? mayRecordFor[0] : '');
  const [position, setPosition] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const positions = decision.positions ?? [];
  const name = (id: string) =>
    governmentName(
      governments.find((g) => g.id === id),
      lang,
    );

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api('PUT', `/meetings/${meetingId}/decisions/${decision.id}/positions/${governmentId}`, {
        position,
        ...(comment.trim() ? { [lang === 'fr' ? 'commentFr' : 'commentEn']: comment } : {}),
      });
      setComment('');
      setPosition('');
    } catch (e) {
      setError(e as ApiError);
    }
    await onChange();
  };

  return (
    <div className="card" data-testid={`decision-${decision.number}`}>
      <p data-testid={`consensus-${decision.number}`}>{decision.consensus ? t('decisions.consensus') : t('decisions.noConsensus')}</p>
      <TableScroll>
        <table className="data-table">
          <caption className="sr-only">{t('decisions.positionsOf', { number: decision.number })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bodies.government')}</th>
              <th scope="col">{t('decisions.position')}</th>
              <th scope="col">{t('decisions.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {parties.map((id) => {
              const p = positions.find((x) => x.governmentId === id);
              return (
                <tr key={id}>
                  <td>{name(id)}</td>
                  <td>{p ? t(`decisions.positions.${p.position}`) : t('decisions.noPosition')}</td>
                  <td>{p ? (inLanguage(p.commentEn, p.commentFr, lang) ?? p.comment ?? '') : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {mayRecordFor.length ? (
        <form onSubmit={record} noValidate className="narrow-form">
          <FormError error={error} />
          {mayRecordFor.length > 1 ? (
            <SelectField
              id={`position-government-${decision.number}`}
              label={t('bodies.government')}
              value={governmentId}
              onChange={setGovernmentId}
              defaultLabel={t('common.choose')}
              options={mayRecordFor.map((id) => ({ value: id, label: name(id) }))}
              required
            />
          ) : null}
          <SelectField
            id={`position-${decision.number}`}
            label={t('decisions.position')}
            value={position}
            onChange={setPosition}
            defaultLabel={t('common.choose')}
            options={POSITIONS.map((p) => ({ value: p, label: t(`decisions.positions.${p}`) }))}
            required
          />
          <TextAreaField id={`position-comment-${decision.number}`} label={t('decisions.comment')} value={comment} onChange={setComment} rows={2} />
          <SubmitButton>{t('decisions.recordPosition', { number: decision.number })}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
