import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { AGENDA_PURPOSES } from '@forum/contracts';
import { api, ApiError, download } from '../api/api-client';
import type { AgendaItem, Government, Invitee } from '../api/types';
import { BilingualFields, BilingualText, pairPayload, useText } from '../components/bilingual';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorSummary } from '../components/error-summary';
import { ActionButton, SubmitButton, TextField } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { FormError, governmentName, SectionHeading } from '../components/ui';

/** Who hears about a change to this agenda: nobody while it is a draft, every invited government once published. */
export function agendaAudience(invitees: Invitee[], published: boolean, lang: string): string | null {
  if (!published || !invitees.length) return null;
  return invitees.map((i) => (lang === 'fr' ? i.nameFr : i.nameEn)).join(', ');
}

/** What the secretariat needs to take papers off an item; without it the list only reads. */
export interface PaperManagement {
  meetingId: string;
  invitees: Invitee[];
  published: boolean;
  onChange(): Promise<void>;
}

/** An agenda item's papers: each a link or a file to download, and for the secretariat a remove button (after confirming). */
export function PaperList({ item, manage }: { item: AgendaItem; manage?: PaperManagement }) {
  const { t, i18n } = useTranslation();
  const text = useText();
  const [removing, setRemoving] = useState<AgendaItem['papers'][number] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (!item.papers.length) return null;
  const audience = manage ? agendaAudience(manage.invitees, manage.published, i18n.language) : null;

  const remove = async () => {
    const paper = removing;
    setRemoving(null);
    if (!paper || !manage) return;
    setError(null);
    try {
      await api('DELETE', `/meetings/${manage.meetingId}/agenda-items/${item.id}/papers/${paper.id}`);
      await manage.onChange();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      <ul className="paper-list" aria-label={t('agendaEdit.papersOf', { title: text(item, 'title') })}>
        {item.papers.map((p) => (
          <li key={p.id}>
            {p.url ? (
              <GcdsLink href={p.url} external>
                <BilingualText record={p} field="title" />
              </GcdsLink>
            ) : (
              <ActionButton name={`paper-${p.id}`} onClick={() => void download(p.downloadUrl!.replace(/^\/api\/v1/, ''), p.fileName ?? 'paper')}>
                {t('agendaEdit.downloadPaper', { title: text(p, 'title') })}
              </ActionButton>
            )}
            {manage ? (
              <>
                {' '}
                <ActionButton variant="danger" onClick={() => setRemoving(p)}>
                  {t('agendaPaperRemove.remove', { title: text(p, 'title') })}
                </ActionButton>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <FormError error={error} />
      {manage ? (
        <ConfirmDialog
          open={!!removing}
          heading={t('agendaPaperRemove.heading', { title: removing ? text(removing, 'title') : '', item: text(item, 'title') })}
          body={<p>{audience ? t('agendaPaperRemove.tells', { governments: audience }) : t('agendaPaperRemove.tellsNobody')}</p>}
          confirmLabel={t('agendaPaperRemove.confirm')}
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </>
  );
}

/** The secretariat's tools on one agenda item: edit it, delete it (after confirming), attach a paper. */
export function AgendaItemTools({
  meetingId,
  item,
  governments,
  invitees,
  published,
  onChange,
}: {
  meetingId: string;
  item: AgendaItem;
  governments: Government[];
  invitees: Invitee[];
  published: boolean;
  onChange(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const text = useText();
  const [mode, setMode] = useState<'idle' | 'edit' | 'paper'>('idle');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const title = text(item, 'title');
  const audience = agendaAudience(invitees, published, i18n.language);

  const remove = async () => {
    setConfirming(false);
    setError(null);
    try {
      await api('DELETE', `/meetings/${meetingId}/agenda-items/${item.id}`);
      await onChange();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <div className="agenda-item-tools">
      <span className="row-actions">
        <ActionButton onClick={() => setMode(mode === 'edit' ? 'idle' : 'edit')}>{t('agendaEdit.edit', { title })}</ActionButton>
        <ActionButton onClick={() => setMode(mode === 'paper' ? 'idle' : 'paper')}>{t('agendaEdit.addPaper', { title })}</ActionButton>
        <ActionButton variant="danger" onClick={() => setConfirming(true)}>
          {t('agendaEdit.delete', { title })}
        </ActionButton>
      </span>
      <FormError error={error} />
      {mode === 'edit' ? (
        <EditAgendaItemForm
          meetingId={meetingId}
          item={item}
          governments={governments}
          onDone={async () => {
            setMode('idle');
            await onChange();
          }}
        />
      ) : null}
      {mode === 'paper' ? (
        <AddPaperForm
          meetingId={meetingId}
          item={item}
          onDone={async () => {
            setMode('idle');
            await onChange();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={confirming}
        heading={t('agendaEdit.deleteHeading', { title })}
        body={
          <>
            <p>{item.papers.length ? t('agendaEdit.deletePapers', { count: item.papers.length }) : t('agendaEdit.deleteNoPapers')}</p>
            <p>{audience ? t('agendaEdit.deleteTells', { governments: audience }) : t('agendaEdit.deleteTellsNobody')}</p>
          </>
        }
        confirmLabel={t('agendaEdit.deleteConfirm')}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

function EditAgendaItemForm({
  meetingId,
  item,
  governments,
  onDone,
}: {
  meetingId: string;
  item: AgendaItem;
  governments: Government[];
  onDone(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const id = (field: string) => `edit-${item.id.slice(0, 8)}-${field}`;
  const [form, setForm] = useState({
    title: { en: item.titleEn ?? '', fr: item.titleFr ?? '' },
    purpose: item.purpose as string,
    duration: String(item.durationMinutes),
    presenter: item.presenterGovernmentId ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const minutes = Number(form.duration);
    const found = {
      title: form.title.en.trim() || form.title.fr.trim() ? undefined : t('agenda.titleRequired'),
      durationMinutes: Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440 ? undefined : t('agenda.durationInvalid'),
    };
    setErrors(found);
    if (found.title || found.durationMinutes) return;
    try {
      await api('PATCH', `/meetings/${meetingId}/agenda-items/${item.id}`, {
        ...pairPayload('title', form.title),
        purpose: form.purpose,
        durationMinutes: minutes,
        presenterGovernmentId: form.presenter || null,
      });
      await onDone();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      const named = err.forFields({
        title: 'title',
        titleEn: 'titleEn',
        titleFr: 'titleFr',
        durationMinutes: 'durationMinutes',
        purpose: 'purpose',
        presenterGovernmentId: 'presenterGovernmentId',
      });
      if (named) setErrors({ ...named, title: named.title ?? named.titleEn ?? named.titleFr });
      else setError(err);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form card" aria-labelledby={id('heading')}>
      <SectionHeading tag="h3">
        <span id={id('heading')}>{t('agendaEdit.editHeading', { position: item.position })}</span>
      </SectionHeading>
      <ErrorSummary
        errors={{
          [id('title')]: errors.title,
          [id('duration')]: errors.durationMinutes,
          [id('purpose')]: errors.purpose,
          [id('presenter')]: errors.presenterGovernmentId,
        }}
      />
      <FormError error={error} />
      <BilingualFields
        id={id('title')}
        label={t('agenda.itemTitle')}
        value={form.title}
        onChange={(title) => setForm((f) => ({ ...f, title }))}
        error={errors.title}
        required
      />
      <SelectField
        id={id('purpose')}
        label={t('agenda.purpose')}
        value={form.purpose}
        onChange={(purpose) => setForm((f) => ({ ...f, purpose }))}
        error={errors.purpose}
        options={AGENDA_PURPOSES.map((p) => ({ value: p, label: t(`agenda.purposes.${p}`) }))}
      />
      <TextField
        id={id('duration')}
        type="number"
        label={t('agenda.duration')}
        value={form.duration}
        onChange={(duration) => setForm((f) => ({ ...f, duration }))}
        error={errors.durationMinutes}
        required
      />
      <SelectField
        id={id('presenter')}
        label={t('agenda.presenter')}
        value={form.presenter}
        onChange={(presenter) => setForm((f) => ({ ...f, presenter }))}
        error={errors.presenterGovernmentId}
        defaultLabel={t('common.none')}
        options={governments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
      />
      <SubmitButton>{t('agendaEdit.save')}</SubmitButton>
    </form>
  );
}

/** Reads a chosen file as the base64 the papers route takes (it stays small: the API holds a paper to 512 KB). */
const toBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

function AddPaperForm({ meetingId, item, onDone }: { meetingId: string; item: AgendaItem; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const id = (field: string) => `paper-${item.id.slice(0, 8)}-${field}`;
  const [title, setTitle] = useState({ en: '', fr: '' });
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = {
      title: title.en.trim() || title.fr.trim() ? undefined : t('agendaEdit.paperTitleRequired'),
      url: !url.trim() === !file ? t('agendaEdit.paperSourceRequired') : undefined,
    };
    setErrors(found);
    if (found.title || found.url) return;
    try {
      const source = file
        ? { fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64: await toBase64(file) }
        : { url: url.trim() };
      await api('POST', `/meetings/${meetingId}/agenda-items/${item.id}/papers`, { ...pairPayload('title', title), ...source });
      await onDone();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      const named = err.forFields({
        title: 'title',
        titleEn: 'titleEn',
        titleFr: 'titleFr',
        url: 'url',
        contentBase64: 'contentBase64',
        fileName: 'fileName',
        contentType: 'contentType',
      });
      if (named)
        setErrors({ title: named.title ?? named.titleEn ?? named.titleFr, url: named.url ?? named.contentBase64 ?? named.fileName ?? named.contentType });
      else setError(err);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form card" aria-labelledby={id('heading')}>
      <SectionHeading tag="h3">
        <span id={id('heading')}>{t('agendaEdit.paperHeading', { position: item.position })}</span>
      </SectionHeading>
      <ErrorSummary errors={{ [id('title')]: errors.title, [id('url')]: errors.url }} />
      <FormError error={error} />
      <BilingualFields id={id('title')} label={t('agendaEdit.paperTitle')} value={title} onChange={setTitle} error={errors.title} required />
      <TextField
        id={id('url')}
        type="url"
        label={t('agendaEdit.paperUrl')}
        hint={t('agendaEdit.paperUrlHint')}
        value={url}
        onChange={setUrl}
        error={errors.url}
      />
      <div className="native-field">
        <label htmlFor={id('file')}>{file ? t('documents.chosen', { name: file.name }) : t('agendaEdit.paperFile')}</label>
        <input id={id('file')} name={id('file')} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <SubmitButton>{t('agendaEdit.paperSubmit')}</SubmitButton>
    </form>
  );
}
