import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import { ApiError } from '../api/api-client';
import { useAuth } from '../auth/auth-context';
import { SubmitButton, TextField } from '../components/fields';
import { FormError, PageHeading, Success } from '../components/ui';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { session, login } = useAuth();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const state = location.state as { from?: string; notice?: 'passwordSet' } | null;
  if (session) return <Navigate to={state?.from ?? '/'} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = { email: email.trim() ? undefined : t('login.emailRequired'), password: password ? undefined : t('login.passwordRequired') };
    setErrors(next);
    setFailure(null);
    if (next.email || next.password) return;
    setBusy(true);
    try {
      await login(email.trim(), password);
    } catch (e) {
      setFailure(e instanceof ApiError && (e.status === 401 || e.status === 400) ? t('login.failed') : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>{t('login.title')}</PageHeading>
      {state?.notice === 'passwordSet' ? <Success>{t('login.passwordSet')}</Success> : null}
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={failure} />
        <TextField id="email" label={t('login.email')} type="email" autocomplete="username" value={email} onChange={setEmail} error={errors.email} required />
        <TextField id="password" label={t('login.password')} type="password" autocomplete="current-password" value={password} onChange={setPassword} error={errors.password} required />
        <SubmitButton disabled={busy}>{t('login.submit')}</SubmitButton>
      </form>
      <p>
        <GcdsLink href={`/${i18n.language === 'fr' ? 'fr' : 'en'}/reset-password`}>{t('login.forgot')}</GcdsLink>
      </p>
    </>
  );
}
