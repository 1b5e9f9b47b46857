import { DragEvent, FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_MARKINGS, type DocumentMarking, type DocumentView } from '@forum/contracts';
import { api, ApiError, download, Page, readSession } from '../api/api-client';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ActionButton, SubmitButton, TextField } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { Pager, usePage } from '../components/pager';
import { FormError, governmentName, Loading, SectionHeading, Success } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';

/** how many documents the upload form offers as a counterpart: the API's largest page */
const COUNTERPART_CHOICES = 200;

interface GovernmentChoice {
  id: string;
  nameEn: string;
  nameFr: string;
}

/** Sends a multipart upload with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function uploadWithProgress(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<DocumentView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    const session = readSession();
    if (session) xhr.setRequestHeader('authorization', `Bearer ${session.accessToken}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as DocumentView);
      else reject(new ApiError(xhr.status, body as never));
    };
    xhr.send(form);
  });
}

const formatSize = (bytes: number, lang: string) =>
  bytes < 1024 * 1024
    ? `${new Intl.NumberFormat(lang).format(Math.ceil(bytes / 1024))} KB`
    : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

/**
 * The documents of a body, or of one meeting: upload (drag and drop, progress), versions, language pair,
 * access and marking, a preview of PDFs, and for a meeting the agenda package.
 */
export function DocumentsSection({
  bodyId,
  meetingId,
  governments,
  agendaItems = [],
}: {
  bodyId: string;
  meetingId?: string;
  governments: GovernmentChoice[];
  agendaItems?: { id: string; title: string; position: number }[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scope = meetingId ? `&meetingId=${meetingId}` : '';
  const page = usePage([bodyId, meetingId]);
  const {
    data,
    error,
    reload: reloadPage,
  } = useResource(() => api<Page<DocumentView>>('GET', `/bodies/${bodyId}/documents?${page.query}${scope}`), [bodyId, meetingId, page.query]);
  // The choices of counterpart (and the names of counterparts shown on each row) come from their own, wider
  // query: a counterpart is often on another page of the list, and paging must not take it out of the form.
  const { data: counterparts, reload: reloadCounterparts } = useResource(
    () => api<Page<DocumentView>>('GET', `/bodies/${bodyId}/documents?limit=${COUNTERPART_CHOICES}${scope}`),
    [bodyId, meetingId],
  );
  const reload = useCallback(async () => {
    await Promise.all([reloadPage(), reloadCounterparts()]);
  }, [reloadPage, reloadCounterparts]);
  useLiveEvents(['document.added', 'document.updated'], (_, p) => {
    if (p?.bodyId === bodyId) void reload();
  });
  const [preview, setPreview] = useState<{ id: string; url: string } | null>(null);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview.url) : undefined), [preview]);
  const [packetError, setPacketError] = useState<ApiError | null>(null);

  const showPreview = async (d: DocumentView) => {
    const session = readSession();
    const res = await fetch(`/api/v1/documents/${d.id}/content?inline=1`, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
    if (!res.ok) return;
    setPreview({ id: d.id, url: URL.createObjectURL(await res.blob()) });
  };

  return (
    <section aria-labelledby="documents">
      <SectionHeading>
        <span id="documents">{t('documents.title')}</span>
      </SectionHeading>
      {meetingId ? (
        <p>
          <ActionButton
            name="download-package"
            variant="secondary"
            onClick={() => {
              setPacketError(null);
              download(`/meetings/${meetingId}/packet.pdf?lang=${lang === 'fr' ? 'fr' : 'en'}`, `${t('documents.packageFile')}.pdf`).catch((e) =>
                setPacketError(e as ApiError),
              );
            }}
          >
            {t('documents.downloadPackage')}
          </ActionButton>
          <FormError error={packetError} />
        </p>
      ) : null}
      {error ? (
        <FormError error={error} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{t('documents.none')}</p>
      ) : (
        <ul className="document-list">
          {data.items.map((d) => (
            <li key={d.id} data-document-id={d.id}>
              <DocumentRow
                document={d}
                documents={counterparts?.items ?? data.items}
                governments={governments}
                onPreview={() => void showPreview(d)}
                onChanged={reload}
              />
              {preview?.id === d.id ? (
                <object data={preview.url} type="application/pdf" width="100%" height="600" aria-label={t('documents.previewOf', { title: d.title })}>
                  <a href={preview.url} target="_blank" rel="noreferrer">
                    {t('documents.openPreview')}
                  </a>
                </object>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {data ? (
        <Pager id="documents" label={t('listPages.documents')} total={data.total} offset={page.offset} limit={page.limit} onChange={page.setOffset} />
      ) : null}
      <UploadForm
        bodyId={bodyId}
        meetingId={meetingId}
        governments={governments}
        agendaItems={agendaItems}
        documents={counterparts?.items ?? []}
        onDone={reload}
      />
    </section>
  );
}

function DocumentRow({
  document: d,
  documents,
  governments,
  onPreview,
  onChanged,
}: {
  document: DocumentView;
  documents: DocumentView[];
  governments: GovernmentChoice[];
  onPreview(): void;
  onChanged(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const latest = d.versions[d.versions.length - 1];
  const counterpart = d.counterpartId ? documents.find((c) => c.id === d.counterpartId) : null;
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const addVersion = async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    setError(null);
    setProgress(0);
    try {
      await uploadWithProgress(`/documents/${d.id}/versions`, form, setProgress);
      await onChanged();
    } catch (e) {
      setError(e as ApiError);
    }
    setProgress(null);
  };
  return (
    <div className="document">
      <p>
        <strong>{d.title}</strong> <span className={`marking marking-${d.marking}`}>{t(`documents.markings.${d.marking}`)}</span> ·{' '}
        {t(`documents.languages.${d.language}`)}
        {d.access === 'restricted'
          ? ` · ${t('documents.restrictedTo', {
              governments: d.governmentIds
                .map((g) =>
                  governmentName(
                    governments.find((x) => x.id === g),
                    lang,
                  ),
                )
                .join(', '),
            })}`
          : ''}
        {counterpart ? ` · ${t('documents.otherLanguage')}: ${counterpart.title}` : ''}
      </p>
      {latest ? (
        <p className="hint">
          {latest.fileName} · {formatSize(latest.size, lang)} · {t('documents.version', { number: latest.number })} · {formatDateTime(latest.uploadedAt, lang)}
        </p>
      ) : null}
      <p>
        <ActionButton name={`download-${d.id}`} variant="secondary" onClick={() => void download(`/documents/${d.id}/content`, latest?.fileName ?? 'document')}>
          {t('documents.download')}
        </ActionButton>{' '}
        {latest?.contentType === 'application/pdf' ? (
          <ActionButton name={`preview-${d.id}`} variant="secondary" onClick={onPreview}>
            {t('documents.preview')}
          </ActionButton>
        ) : null}{' '}
        <label className="file-button">
          {t('documents.newVersion')}
          <input ref={input} type="file" className="sr-only" onChange={(e) => e.target.files?.[0] && void addVersion(e.target.files[0])} />
        </label>
      </p>
      {progress !== null ? <progress max={1} value={progress} aria-label={t('documents.uploading')} /> : null}
      <FormError error={error} />
      {d.versions.length > 1 ? (
        <details>
          <summary>{t('documents.versions', { count: d.versions.length })}</summary>
          <ol>
            {d.versions.map((v) => (
              <li key={v.number}>
                {v.fileName} · {formatSize(v.size, lang)} · {formatDateTime(v.uploadedAt, lang)}{' '}
                <ActionButton
                  name={`download-${d.id}-${v.number}`}
                  variant="secondary"
                  onClick={() => void download(`/documents/${d.id}/content?version=${v.number}`, v.fileName)}
                >
                  {t('documents.download')}
                </ActionButton>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}

function UploadForm({
  bodyId,
  meetingId,
  governments,
  agendaItems,
  documents,
  onDone,
}: {
  bodyId: string;
  meetingId?: string;
  governments: GovernmentChoice[];
  agendaItems: { id: string; title: string; position: number }[];
  documents: DocumentView[];
  onDone(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, isSecretariat } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [form, setForm] = useState({
    titleEn: '',
    titleFr: '',
    language: lang === 'fr' ? 'fr' : 'en',
    access: 'members',
    marking: 'unclassified' as DocumentMarking,
    agendaItemId: '',
    counterpartId: '',
  });
  const [restrictedTo, setRestrictedTo] = useState<string[]>(session?.user.governmentId ? [session.user.governmentId] : []);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState(false);
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files[0]) setFile(e.dataTransfer.files[0]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!file) return setError(t('documents.fileRequired'));
    if (!form.titleEn.trim() && !form.titleFr.trim()) return setError(t('documents.titleRequired'));
    const data = new FormData();
    if (form.titleEn.trim()) data.append('titleEn', form.titleEn.trim());
    if (form.titleFr.trim()) data.append('titleFr', form.titleFr.trim());
    data.append('language', form.language);
    data.append('access', form.access);
    data.append('marking', form.marking);
    if (form.access === 'restricted') for (const g of restrictedTo) data.append('governmentIds', g);
    if (meetingId) data.append('meetingId', meetingId);
    if (form.agendaItemId) data.append('agendaItemId', form.agendaItemId);
    if (form.counterpartId) data.append('counterpartId', form.counterpartId);
    data.append('file', file, file.name);
    setError(null);
    setProgress(0);
    try {
      await uploadWithProgress(`/bodies/${bodyId}/documents`, data, setProgress);
      setFile(null);
      setForm((f) => ({ ...f, titleEn: '', titleFr: '', counterpartId: '' }));
      setDone(true);
      await onDone();
    } catch (e) {
      setError(e as ApiError);
    }
    setProgress(null);
  };

  return (
    <form onSubmit={submit} noValidate className="narrow-form" aria-labelledby="upload-document">
      <SectionHeading tag="h3">
        <span id="upload-document">{t('documents.upload')}</span>
      </SectionHeading>
      <FormError error={error} />
      {done ? <Success>{t('documents.uploaded')}</Success> : null}
      <div
        className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="document-file">{file ? t('documents.chosen', { name: file.name }) : t('documents.dropHere')}</label>
        <input id="document-file" name="document-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <TextField id="document-title-en" label={t('documents.titleEn')} value={form.titleEn} onChange={(v) => setForm({ ...form, titleEn: v })} />
      <TextField id="document-title-fr" label={t('documents.titleFr')} value={form.titleFr} onChange={(v) => setForm({ ...form, titleFr: v })} />
      <SelectField
        id="document-language"
        label={t('documents.language')}
        value={form.language}
        onChange={(v) => setForm({ ...form, language: v })}
        options={(['en', 'fr', 'bilingual'] as const).map((l) => ({ value: l, label: t(`documents.languages.${l}`) }))}
      />
      {documents.length ? (
        <SelectField
          id="document-counterpart"
          label={t('documents.counterpart')}
          value={form.counterpartId}
          onChange={(v) => setForm({ ...form, counterpartId: v })}
          options={[{ value: '', label: t('common.none') }, ...documents.map((d) => ({ value: d.id, label: d.title ?? '' }))]}
        />
      ) : null}
      <SelectField
        id="document-marking"
        label={t('documents.marking')}
        value={form.marking}
        onChange={(v) => setForm({ ...form, marking: v as DocumentMarking })}
        options={DOCUMENT_MARKINGS.map((m) => ({ value: m, label: t(`documents.markings.${m}`) }))}
      />
      <SelectField
        id="document-access"
        label={t('documents.access')}
        value={form.access}
        onChange={(v) => setForm({ ...form, access: v })}
        options={[
          { value: 'members', label: t('documents.accessMembers') },
          { value: 'restricted', label: t('documents.accessRestricted') },
        ]}
      />
      {form.access === 'restricted' ? (
        <fieldset>
          <legend>{t('documents.restrictedLegend')}</legend>
          {governments.map((g) => (
            <div key={g.id}>
              <input
                type="checkbox"
                id={`restrict-${g.id}`}
                checked={restrictedTo.includes(g.id)}
                disabled={!isSecretariat && g.id === session?.user.governmentId}
                onChange={(e) => setRestrictedTo(e.target.checked ? [...restrictedTo, g.id] : restrictedTo.filter((x) => x !== g.id))}
              />{' '}
              <label htmlFor={`restrict-${g.id}`}>{governmentName(g, lang)}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      {meetingId && agendaItems.length ? (
        <SelectField
          id="document-agenda-item"
          label={t('documents.agendaItem')}
          value={form.agendaItemId}
          onChange={(v) => setForm({ ...form, agendaItemId: v })}
          options={[{ value: '', label: t('common.none') }, ...agendaItems.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` }))]}
        />
      ) : null}
      {progress !== null ? <progress id="upload-progress" max={1} value={progress} aria-label={t('documents.uploading')} /> : null}
      <SubmitButton disabled={progress !== null}>{t('documents.uploadSubmit')}</SubmitButton>
    </form>
  );
}
