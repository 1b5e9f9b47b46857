import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import { BODY_KINDS } from '@forum/contracts';
import { api, ApiError } from '../api/api-client';
import { listBodies } from '../api/queries';
import type { Body } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { NativeField, SubmitButton, TextField } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, Loading, PageHeading, SectionHeading } from '../components/ui';
import { useLiveEvents } from '../realtime/live-updates';

export function BodiesPage() {
  const { t, i18n } = useTranslation();
  const { isSecretariat } = useAuth();
  const { data, reload } = useResource(listBodies, []);
  useLiveEvents(['membership.changed'], () => void reload());
  const lang = i18n.language;
  const groups = BODY_KINDS.map((kind) => ({ kind, bodies: (data ?? []).filter((b) => b.kind === kind) })).filter((g) => g.bodies.length > 0);
  return (
    <>
      <PageHeading>{t('bodies.title')}</PageHeading>
      <p>{t('bodies.intro')}</p>
      {!data ? <Loading /> : null}
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`kind-${g.kind}`}>
          <SectionHeading>
            <span id={`kind-${g.kind}`}>{t(`bodyKinds.${g.kind}`)}</span>
          </SectionHeading>
          <ul>
            {g.bodies.map((b) => (
              <li key={b.id}>
                <GcdsLink href={`/bodies/${b.id}`}>{bodyName(b, lang)}</GcdsLink>
                {b.permanent ? null : <> ({t('bodies.adHoc')})</>}
                {b.memberCount !== undefined ? <> · {t('bodies.memberCount', { count: b.memberCount })}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {isSecretariat ? <CreateBodyForm bodies={data ?? []} /> : null}
    </>
  );
}

function CreateBodyForm({ bodies }: { bodies: Body[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', nameFr: '', kind: 'working_group', parentId: '', permanent: 'true', endsOn: '', mandate: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (form.name.trim().length < 2) {
      setNameError(t('bodies.nameRequired'));
      return;
    }
    setNameError(undefined);
    try {
      const body = await api<Body>('POST', '/bodies', {
        nameEn: form.name.trim(),
        ...(form.nameFr.trim() ? { nameFr: form.nameFr.trim() } : {}),
        kind: form.kind,
        ...(form.parentId ? { parentId: form.parentId } : {}),
        permanent: form.permanent === 'true',
        ...(form.endsOn ? { endsOn: form.endsOn } : {}),
        ...(form.mandate.trim() ? { mandate: form.mandate.trim() } : {}),
      });
      navigate(`/bodies/${body.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.forField('name')) setNameError(e.forField('name'));
      else setError(e as ApiError);
    }
  };

  return (
    <section aria-labelledby="create-body">
      <SectionHeading>
        <span id="create-body">{t('bodies.create')}</span>
      </SectionHeading>
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={error} />
        <TextField id="body-name" label={t('bodies.nameEn')} value={form.name} onChange={set('name')} error={nameError} required />
        <TextField id="body-name-fr" label={t('bodies.nameFr')} value={form.nameFr} onChange={set('nameFr')} />
        <SelectField
          id="body-kind"
          label={t('bodies.kind')}
          value={form.kind}
          onChange={set('kind')}
          options={BODY_KINDS.map((k) => ({ value: k, label: t(`bodyKinds.${k}`) }))}
          required
        />
        <SelectField
          id="body-parent"
          label={t('bodies.parent')}
          value={form.parentId}
          onChange={set('parentId')}
          defaultLabel={t('bodies.noParent')}
          options={bodies.map((b) => ({ value: b.id, label: bodyName(b, i18n.language) }))}
        />
        <SelectField
          id="body-permanent"
          label={t('bodies.duration')}
          value={form.permanent}
          onChange={set('permanent')}
          options={[
            { value: 'true', label: t('bodies.permanent') },
            { value: 'false', label: t('bodies.adHoc') },
          ]}
        />
        {form.permanent === 'false' ? (
          <NativeField id="body-ends-on" type="date" label={t('bodies.endsOn')} value={form.endsOn} onChange={set('endsOn')} />
        ) : null}
        <TextAreaField id="body-mandate" label={t('bodies.mandate')} value={form.mandate} onChange={set('mandate')} rows={3} />
        <SubmitButton>{t('bodies.createSubmit')}</SubmitButton>
      </form>
    </section>
  );
}
