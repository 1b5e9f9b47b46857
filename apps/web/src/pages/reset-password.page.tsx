import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import type { Locale } from '@forum/contracts';
import { api, ApiError } from '../api/api-client';
import { SetPasswordForm } from '../account/set-password.form';
import { useAuth } from '../auth/auth-context';
import { SubmitButton, TextField } from '../components/fields';
import { FormError, PageHeading, Success } from '../components/ui';
import { useAddressLanguage } from '../i18n/i18n';

/** /en|fr/reset-password: without a token, ask for a link; with the emailed token, choose the new password. */
export function ResetPasswordPage({ lang }: { lang: Locale }) {
  useAddressLanguage(lang);
  const token = useSearchParams()[0].get('token');
  return token ? <ChooseNewPassword token={token} lang={lang} /> : <RequestResetLink />;
}

function ChooseNewPassword({ token, lang }: { token: string; lang: Locale }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const save = async (password: string) => {
    await api('POST', '/auth/password-reset/confirm', { token, password });
    // whoever was signed in on this browser, the person now signs in with the password just chosen
    logout();
    navigate('/login', { replace: true, state: { notice: 'passwordSet' } });
  };
  return (
    <>
      <PageHeading>{t('account.resetTitle')}</PageHeading>
      <SetPasswordForm
        submitLabel={t('account.saveReset')}
        save={save}
        invalidLinkHelp={<GcdsLink href={`/${lang}/reset-password`}>{t('account.askNewLink')}</GcdsLink>}
      />
    </>
  );
}

/** The answer never says whether the address has an account: the same confirmation whatever the API knows. */
function RequestResetLink() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!email.trim()) {
      setEmailError(t('account.emailRequired'));
      return;
    }
    setEmailError(undefined);
    setBusy(true);
    try {
      await api('POST', '/auth/password-reset', { email: email.trim() });
      setSent(true);
    } catch (e) {
      if (e instanceof ApiError && e.forField('email')) setEmailError(t('people.emailInvalid'));
      else setFailure(e instanceof ApiError ? e : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>{t('account.forgotTitle')}</PageHeading>
      {sent ? (
        <Success>{t('account.linkSent')}</Success>
      ) : (
        <>
          <p>{t('account.forgotIntro')}</p>
          <form onSubmit={submit} noValidate className="narrow-form">
            <FormError error={failure} />
            <TextField
              id="reset-email"
              label={t('account.email')}
              type="email"
              autocomplete="username"
              value={email}
              onChange={setEmail}
              error={emailError}
              required
            />
            <SubmitButton disabled={busy}>{t('account.sendLink')}</SubmitButton>
          </form>
        </>
      )}
      <p>
        <GcdsLink href="/login">{t('account.backToSignIn')}</GcdsLink>
      </p>
    </>
  );
}
