import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_TOKEN_SCOPES, WEBHOOK_EVENTS } from '@forum/contracts';
import { api, ApiError } from '../api/api-client';
import { listGovernments } from '../api/queries';
import type { Government } from '../api/types';
import { useResource } from '../api/use-resource';
import { ActionButton, SubmitButton, TextField } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { FormError, governmentName, Loading, PageHeading, SectionHeading, Success } from '../components/ui';
import { formatDateTime } from '../i18n/format';

interface ApiTokenRow {
  id: string;
  name: string;
  scopes: string[];
  governmentId: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  bodyId: string | null;
  governmentId: string | null;
}
interface DeliveryRow {
  deliveryId: string;
  event: string;
  attempt: number;
  status: string;
  responseStatus: number | null;
  at: string;
}

/** Secretariat only: identity providers of governments, service tokens of their systems, webhooks with their delivery log. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const governments = useResource(listGovernments, []);
  return (
    <>
      <PageHeading>{t('integrations.title')}</PageHeading>
      <IdentityProviders governments={governments.data ?? []} />
      <ServiceTokens governments={governments.data ?? []} />
      <Webhooks governments={governments.data ?? []} />
    </>
  );
}

function Checkboxes({ legend, options, value, onChange }: { legend: string; options: readonly string[]; value: string[]; onChange(v: string[]): void }) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o}>
          <input type="checkbox" checked={value.includes(o)} onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))} />{' '}
          <code>{o}</code>
        </label>
      ))}
    </fieldset>
  );
}

function IdentityProviders({ governments }: { governments: Government[] }) {
  const { t, i18n } = useTranslation();
  const providers = useResource(() => api<{ code: string }[]>('GET', '/auth/oidc/providers'), []);
  const blank = { governmentId: '', issuer: '', clientId: '', clientSecret: '', emailDomains: '', passwordLogin: true };
  const [form, setForm] = useState(blank);
  const [failure, setFailure] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState(false);
  const withProvider = new Set((providers.data ?? []).map((p) => p.code));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    if (!form.governmentId) return setFailure(t('integrations.governmentRequired'));
    const body = {
      issuer: form.issuer.trim(),
      clientId: form.clientId.trim(),
      clientSecret: form.clientSecret,
      emailDomains: form.emailDomains
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
      passwordLogin: form.passwordLogin,
    };
    const gov = governments.find((g) => g.id === form.governmentId);
    try {
      await api(gov && withProvider.has(gov.code) ? 'PUT' : 'POST', `/governments/${form.governmentId}/identity-provider`, body);
      setForm(blank);
      setDone(true);
      await providers.reload();
    } catch (e) {
      setFailure(e instanceof ApiError ? e : t('errors.network'));
    }
  };
  const remove = async (g: Government) => {
    await api('DELETE', `/governments/${g.id}/identity-provider`).catch((e) => setFailure(e));
    await providers.reload();
  };
  return (
    <section aria-labelledby="idp-heading">
      <SectionHeading>
        <span id="idp-heading">{t('integrations.idp.title')}</span>
      </SectionHeading>
      <p>{t('integrations.idp.intro')}</p>
      {providers.loading ? <Loading /> : null}
      <ul>
        {governments
          .filter((g) => withProvider.has(g.code))
          .map((g) => (
            <li key={g.id}>
              {governmentName(g, i18n.language)}{' '}
              <ActionButton variant="danger" onClick={() => void remove(g)}>
                {t('integrations.remove')}
              </ActionButton>
            </li>
          ))}
      </ul>
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={failure} />
        {done ? <Success>{t('integrations.saved')}</Success> : null}
        <SelectField
          id="idp-government"
          label={t('integrations.government')}
          value={form.governmentId}
          onChange={(v) => setForm({ ...form, governmentId: v })}
          options={governments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
          required
        />
        <TextField
          id="idp-issuer"
          label={t('integrations.idp.issuer')}
          type="url"
          value={form.issuer}
          onChange={(v) => setForm({ ...form, issuer: v })}
          required
        />
        <TextField id="idp-client" label={t('integrations.idp.clientId')} value={form.clientId} onChange={(v) => setForm({ ...form, clientId: v })} required />
        <TextField
          id="idp-secret"
          label={t('integrations.idp.clientSecret')}
          type="password"
          autocomplete="off"
          value={form.clientSecret}
          onChange={(v) => setForm({ ...form, clientSecret: v })}
          required
        />
        <TextField
          id="idp-domains"
          label={t('integrations.idp.emailDomains')}
          hint={t('integrations.idp.emailDomainsHint')}
          value={form.emailDomains}
          onChange={(v) => setForm({ ...form, emailDomains: v })}
          required
        />
        <label>
          <input type="checkbox" checked={form.passwordLogin} onChange={(e) => setForm({ ...form, passwordLogin: e.target.checked })} />{' '}
          {t('integrations.idp.passwordLogin')}
        </label>
        <SubmitButton>{t('integrations.save')}</SubmitButton>
      </form>
    </section>
  );
}

function ServiceTokens({ governments }: { governments: Government[] }) {
  const { t, i18n } = useTranslation();
  const tokens = useResource(() => api<{ items: ApiTokenRow[] }>('GET', '/api-tokens').then((p) => p.items), []);
  const [form, setForm] = useState({ name: '', governmentId: '', scopes: ['read'] as string[] });
  const [secret, setSecret] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | string | null>(null);
  const byId = new Map(governments.map((g) => [g.id, g]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setSecret(null);
    if (!form.name.trim()) return setFailure(t('integrations.nameRequired'));
    try {
      const created = await api<{ secret: string }>('POST', '/api-tokens', {
        name: form.name.trim(),
        scopes: form.scopes,
        ...(form.governmentId && { governmentId: form.governmentId }),
      });
      setSecret(created.secret);
      setForm({ name: '', governmentId: '', scopes: ['read'] });
      await tokens.reload();
    } catch (e) {
      setFailure(e instanceof ApiError ? e : t('errors.network'));
    }
  };
  return (
    <section aria-labelledby="tokens-heading">
      <SectionHeading>
        <span id="tokens-heading">{t('integrations.tokens.title')}</span>
      </SectionHeading>
      {secret ? (
        <Success>
          {t('integrations.tokens.secretOnce')} <code data-testid="token-secret">{secret}</code>
        </Success>
      ) : null}
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={failure} />
        <TextField id="token-name" label={t('integrations.name')} value={form.name} onChange={(v) => setForm({ ...form, name: v })} required />
        <SelectField
          id="token-government"
          label={t('integrations.boundGovernment')}
          defaultLabel={t('integrations.unbound')}
          value={form.governmentId}
          onChange={(v) => setForm({ ...form, governmentId: v })}
          options={governments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
        />
        <Checkboxes
          legend={t('integrations.tokens.scopes')}
          options={API_TOKEN_SCOPES}
          value={form.scopes}
          onChange={(scopes) => setForm({ ...form, scopes })}
        />
        <SubmitButton>{t('integrations.tokens.create')}</SubmitButton>
      </form>
      {tokens.data?.length ? (
        <table className="data-table">
          <caption className="sr-only">{t('integrations.tokens.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrations.name')}</th>
              <th scope="col">{t('integrations.tokens.scopes')}</th>
              <th scope="col">{t('integrations.government')}</th>
              <th scope="col">{t('integrations.tokens.lastUsed')}</th>
              <th scope="col">{t('integrations.state')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.name}</th>
                <td>{k.scopes.join(', ')}</td>
                <td>{k.governmentId ? governmentName(byId.get(k.governmentId), i18n.language) : t('integrations.unbound')}</td>
                <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, i18n.language) : '—'}</td>
                <td>
                  {k.revokedAt ? (
                    t('integrations.tokens.revoked')
                  ) : (
                    <ActionButton variant="danger" onClick={() => void api('DELETE', `/api-tokens/${k.id}`).then(() => tokens.reload())}>
                      {t('integrations.tokens.revoke')}
                    </ActionButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Webhooks({ governments }: { governments: Government[] }) {
  const { t, i18n } = useTranslation();
  const hooks = useResource(() => api<{ items: WebhookRow[] }>('GET', '/webhooks').then((p) => p.items), []);
  const [form, setForm] = useState({ url: '', governmentId: '', events: [] as string[] });
  const [secret, setSecret] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | string | null>(null);
  const [open, setOpen] = useState<{ id: string; items: DeliveryRow[] } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setSecret(null);
    if (!form.events.length) return setFailure(t('integrations.webhooks.eventsRequired'));
    try {
      const created = await api<{ secret: string }>('POST', '/webhooks', {
        url: form.url.trim(),
        events: form.events,
        ...(form.governmentId && { governmentId: form.governmentId }),
      });
      setSecret(created.secret);
      setForm({ url: '', governmentId: '', events: [] });
      await hooks.reload();
    } catch (e) {
      setFailure(e instanceof ApiError ? e : t('errors.network'));
    }
  };
  const showDeliveries = async (id: string) => setOpen({ id, items: (await api<{ items: DeliveryRow[] }>('GET', `/webhooks/${id}/deliveries`)).items });
  return (
    <section aria-labelledby="webhooks-heading">
      <SectionHeading>
        <span id="webhooks-heading">{t('integrations.webhooks.title')}</span>
      </SectionHeading>
      <p>{t('integrations.webhooks.intro')}</p>
      {secret ? (
        <Success>
          {t('integrations.webhooks.secretOnce')} <code>{secret}</code>
        </Success>
      ) : null}
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={failure} />
        <TextField id="hook-url" label={t('integrations.webhooks.url')} type="url" value={form.url} onChange={(v) => setForm({ ...form, url: v })} required />
        <SelectField
          id="hook-government"
          label={t('integrations.boundGovernment')}
          defaultLabel={t('integrations.unbound')}
          value={form.governmentId}
          onChange={(v) => setForm({ ...form, governmentId: v })}
          options={governments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
        />
        <Checkboxes
          legend={t('integrations.webhooks.events')}
          options={WEBHOOK_EVENTS}
          value={form.events}
          onChange={(events) => setForm({ ...form, events })}
        />
        <SubmitButton>{t('integrations.webhooks.create')}</SubmitButton>
      </form>
      <ul>
        {(hooks.data ?? []).map((h) => (
          <li key={h.id}>
            <code>{h.url}</code> — {h.events.join(', ')}{' '}
            <ActionButton variant="secondary" onClick={() => void showDeliveries(h.id)}>
              {t('integrations.webhooks.deliveries')}
            </ActionButton>{' '}
            <ActionButton variant="danger" onClick={() => void api('DELETE', `/webhooks/${h.id}`).then(() => hooks.reload())}>
              {t('integrations.remove')}
            </ActionButton>
          </li>
        ))}
      </ul>
      {open ? (
        <table className="data-table">
          <caption>{t('integrations.webhooks.deliveries')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrations.webhooks.event')}</th>
              <th scope="col">{t('integrations.webhooks.attempt')}</th>
              <th scope="col">{t('integrations.state')}</th>
              <th scope="col">{t('integrations.webhooks.response')}</th>
              <th scope="col">{t('integrations.webhooks.at')}</th>
              <th scope="col">{t('integrations.webhooks.retry')}</th>
            </tr>
          </thead>
          <tbody>
            {open.items.map((d) => (
              <tr key={d.deliveryId}>
                <th scope="row">{d.event}</th>
                <td>{d.attempt}</td>
                <td>{t(`integrations.webhooks.statuses.${d.status}`)}</td>
                <td>{d.responseStatus ?? '—'}</td>
                <td>{formatDateTime(d.at, i18n.language)}</td>
                <td>
                  <ActionButton
                    variant="secondary"
                    onClick={() => void api('POST', `/webhooks/${open.id}/deliveries/${d.deliveryId}/retry`, {}).then(() => showDeliveries(open.id))}
                  >
                    {t('integrations.webhooks.retry')}
                  </ActionButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
