import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@forum/contracts';
import { api, ApiError } from '../api/api-client';
import { listGovernments, pageOf } from '../api/queries';
import type { Government, InvitedAccount, UserAccount } from '../api/types';
import { useResource } from '../api/use-resource';
import { ActionButton, SubmitButton, TextField } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { Pager, usePage } from '../components/pager';
import { useAuth } from '../auth/auth-context';
import { ConfirmDialog } from '../components/confirm-dialog';

/** Secretariat only: who has an account, and inviting an official, who then chooses a password from the emailed link. */
export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const [governmentId, setGovernmentId] = useState('');
  const page = usePage([governmentId]);
  const accounts = useResource(() => pageOf<UserAccount>('/users', { governmentId, limit: page.limit, offset: page.offset }), [governmentId, page.offset]);
  const governments = useResource(listGovernments, []);
  const byId = new Map((governments.data ?? []).map((g) => [g.id, g]));
  const { session } = useAuth();
  return (
    <>
      <PageHeading>{t('people.title')}</PageHeading>
      <p>{t('people.intro')}</p>
      <InviteOfficialForm governments={governments.data ?? []} onInvited={() => void accounts.reload()} />
      <section aria-labelledby="people-accounts">
        <SectionHeading>
          <span id="people-accounts">{t('people.accounts')}</span>
        </SectionHeading>
        <FormError error={accounts.error} />
        <div className="narrow-form">
          <SelectField
            id="people-government-filter"
            label={t('people.government')}
            value={governmentId}
            onChange={setGovernmentId}
            defaultLabel={t('listFilters.all')}
            options={(governments.data ?? []).map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
          />
        </div>
        {accounts.loading ? <Loading /> : null}
        {accounts.data && accounts.data.total === 0 ? <p>{t('people.none')}</p> : null}
        {accounts.data && accounts.data.total > 0 ? (
          <TableScroll>
            <table className="data-table">
              <caption className="sr-only">{t('people.accounts')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.name')}</th>
                  <th scope="col">{t('people.email')}</th>
                  <th scope="col">{t('people.role')}</th>
                  <th scope="col">{t('people.government')}</th>
                  <th scope="col">{t('people.language')}</th>
                  <th scope="col">{t('people.state')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.items.map((u) => (
                  <tr key={u.id} data-testid="account">
                    <th scope="row">{u.displayName}</th>
                    <td>{u.email}</td>
                    <td>{t(`people.roles.${u.role}`)}</td>
                    <td>{u.governmentId ? governmentName(byId.get(u.governmentId), i18n.language) : '—'}</td>
                    <td>{t(`people.languageOptions.${u.locale}`)}</td>
                    <td data-testid={`account-state-${u.id}`}>{u.active ? t('people.active') : t('people.inactive')}</td>
                    <td>{u.id === session?.user.id ? null : <AccountActivation account={u} onChanged={accounts.reload} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {accounts.data ? (
          <Pager id="people" label={t('listPages.people')} total={accounts.data.total} offset={page.offset} limit={page.limit} onChange={page.setOffset} />
        ) : null}
      </section>
    </>
  );
}

type InviteErrors = { email?: string; displayName?: string; governmentId?: string };

function InviteOfficialForm({ governments, onInvited }: { governments: Government[]; onInvited(): void }) {
  const { t, i18n } = useTranslation();
  const blank = { email: '', displayName: '', governmentId: '', locale: (i18n.language === 'fr' ? 'fr' : 'en') as Locale };
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<InviteErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [invited, setInvited] = useState<InvitedAccount | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const next: InviteErrors = {
      email: /^[^\s@]+@[^\s@]+$/.test(form.email.trim()) ? undefined : t('people.emailInvalid'),
      displayName: form.displayName.trim() ? undefined : t('people.nameRequired'),
      governmentId: form.governmentId ? undefined : t('people.governmentRequired'),
    };
    setErrors(next);
    if (next.email || next.displayName || next.governmentId) return;
    setBusy(true);
    try {
      const answer = await api<InvitedAccount>('POST', '/users/invitations', {
        email: form.email.trim(),
        displayName: form.displayName.trim(),
        role: 'official',
        governmentId: form.governmentId,
        locale: form.locale,
      });
      setInvited(answer);
      setForm(blank);
      onInvited();
    } catch (e) {
      if (!(e instanceof ApiError)) setFailure(new ApiError(0, null));
      else if (e.status === 409) setErrors({ email: t('people.emailTaken') });
      else if (e.forField('email')) setErrors({ email: t('people.emailInvalid') });
      else if (e.forField('displayName')) setErrors({ displayName: t('people.nameRequired') });
      else if (e.forField('governmentId')) setErrors({ governmentId: t('people.governmentRequired') });
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const government = invited?.governmentId ? governments.find((g) => g.id === invited.governmentId) : undefined;
  return (
    <section aria-labelledby="invite-official">
      <SectionHeading>
        <span id="invite-official">{t('people.invite')}</span>
      </SectionHeading>
      <p>{t('people.inviteIntro')}</p>
      {invited ? (
        <div data-testid="invitation-sent">
          <Success>
            {t('people.invited', {
              name: invited.displayName,
              email: invited.email,
              government: governmentName(government, i18n.language),
              language: t(`people.languages.${invited.locale}`),
              expires: formatDateTime(invited.invitationExpiresAt, i18n.language),
            })}
          </Success>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={failure} />
        <TextField
          id="invite-email"
          label={t('people.email')}
          type="email"
          autocomplete="off"
          value={form.email}
          onChange={set('email')}
          error={errors.email}
          required
        />
        <TextField
          id="invite-name"
          label={t('people.fullName')}
          autocomplete="off"
          value={form.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
          required
        />
        <SelectField
          id="invite-government"
          label={t('people.government')}
          value={form.governmentId}
          onChange={set('governmentId')}
          defaultLabel={t('common.choose')}
          error={errors.governmentId}
          options={governments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
          required
        />
        <SelectField
          id="invite-locale"
          label={t('people.emailLanguage')}
          value={form.locale}
          onChange={set('locale')}
          options={LOCALES.map((l) => ({ value: l, label: t(`people.languageOptions.${l}`) }))}
          required
        />
        <SubmitButton disabled={busy}>{t('people.inviteSubmit')}</SubmitButton>
      </form>
    </section>
  );
}

/**
 * Deactivation ends every session of the account at once (its tokens stop working on every instance), so it is
 * confirmed first; reactivation only lets the person sign in again.
 */
function AccountActivation({ account, onChanged }: { account: UserAccount; onChanged(): Promise<void> }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const setActive = async (active: boolean) => {
    setConfirming(false);
    setError(null);
    try {
      await api('PATCH', `/users/${account.id}`, { active });
      await onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null));
    }
  };
  return (
    <>
      <FormError error={error} />
      {account.active ? (
        <ActionButton variant="danger" onClick={() => setConfirming(true)}>
          {t('peopleAccess.deactivate', { name: account.displayName })}
        </ActionButton>
      ) : (
        <ActionButton onClick={() => void setActive(true)}>{t('peopleAccess.reactivate', { name: account.displayName })}</ActionButton>
      )}
      <ConfirmDialog
        open={confirming}
        heading={t('peopleAccess.confirmHeading', { name: account.displayName })}
        body={t('peopleAccess.confirmBody', { name: account.displayName, email: account.email })}
        confirmLabel={t('peopleAccess.confirm')}
        onConfirm={() => void setActive(false)}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
