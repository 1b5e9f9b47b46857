import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import { api, ApiError, StoredSession } from '../api/api-client';
import { MfaChallenge, useAuth } from '../auth/auth-context';
import { SubmitButton, TextField } from '../components/fields';
import { FormError, PageHeading, Success } from '../components/ui';

type SignInProvider = { code: string; nameEn: string; nameFr: string };

const askForProviders = () => api<SignInProvider[]>('GET', '/auth/oidc/providers').catch((): SignInProvider[] => []);
// Most visits start on this page: its providers are asked for while the session is, not once the page is shown
// (a round trip less before the page is complete, and so interactive). The page shown later asks again.
let early: Promise<SignInProvider[]> | null = window.location.pathname === '/login' ? askForProviders() : null;

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { session, login, startSession } = useAuth();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  useEffect(() => {
    let shown = true;
    const request = early ?? askForProviders();
    early = null;
    void request.then((list) => shown && setProviders(list));
    return () => {
      shown = false;
    };
  }, []);
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
      setChallenge(await login(email.trim(), password));
    } catch (e) {
      setFailure(e instanceof ApiError && (e.status === 401 || e.status === 400) ? t('login.failed') : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  if (challenge) return <SecondStep challenge={challenge} onSignedIn={startSession} />;

  return (
    <>
      <PageHeading>{t('login.title')}</PageHeading>
      {providers.length ? (
        <section aria-labelledby="sso-heading">
          <h2 id="sso-heading">{t('sso.heading')}</h2>
          <ul className="sso-list">
            {providers.map((p) => (
              <li key={p.code}>
                <GcdsLink href={`/api/v1/auth/oidc/${encodeURIComponent(p.code)}/start`}>
                  {t('sso.button', { government: i18n.language === 'fr' ? p.nameFr : p.nameEn })}
                </GcdsLink>
              </li>
            ))}
          </ul>
          <p>{t('sso.or')}</p>
        </section>
      ) : null}
      {state?.notice === 'passwordSet' ? <Success>{t('login.passwordSet')}</Success> : null}
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={failure} />
        <TextField id="email" label={t('login.email')} type="email" autocomplete="username" value={email} onChange={setEmail} error={errors.email} required />
        <TextField
          id="password"
          label={t('login.password')}
          type="password"
          autocomplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          required
        />
        <SubmitButton disabled={busy}>{t('login.submit')}</SubmitButton>
      </form>
      <p>
        <GcdsLink href={`/${i18n.language === 'fr' ? 'fr' : 'en'}/reset-password`}>{t('login.forgot')}</GcdsLink>
      </p>
    </>
  );
}

/** The second step of a sign-in: a code from the authenticator app (or a recovery code), or a first enrolment. */
function SecondStep({ challenge, onSignedIn }: { challenge: MfaChallenge; onSignedIn(session: StoredSession): void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [enrolment, setEnrolment] = useState<{ qrCodeDataUrl: string; secret: string } | null>(null);
  const [recovery, setRecovery] = useState<{ codes: string[]; session: StoredSession } | null>(null);
  const enrolling = 'mfaEnrolmentRequired' in challenge;

  useEffect(() => {
    if (enrolling)
      void api<{ qrCodeDataUrl: string; secret: string }>('POST', '/auth/mfa/enrol', { mfaToken: challenge.mfaToken }).then(setEnrolment, () =>
        setFailure(t('errors.network')),
      );
  }, [enrolling, challenge.mfaToken, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!code.trim()) return setFailure(t('mfa.codeRequired'));
    setBusy(true);
    try {
      if (enrolling) {
        const result = await api<{ recoveryCodes: string[]; accessToken: string; user: StoredSession['user'] }>('POST', '/auth/mfa/verify', {
          mfaToken: challenge.mfaToken,
          code: code.trim(),
        });
        setRecovery({ codes: result.recoveryCodes, session: { accessToken: result.accessToken, user: result.user } });
      } else {
        onSignedIn(await api<StoredSession>('POST', '/auth/mfa/login', { mfaToken: challenge.mfaToken, code: code.trim() }));
      }
    } catch (e) {
      setFailure(
        e instanceof ApiError && e.status === 429 ? t('mfa.tooMany') : e instanceof ApiError && e.status === 401 ? t('mfa.expired') : t('mfa.invalid'),
      );
    } finally {
      setBusy(false);
    }
  };

  if (recovery) {
    return (
      <>
        <PageHeading>{t('mfa.recoveryTitle')}</PageHeading>
        <p>{t('mfa.recoveryIntro')}</p>
        <ul className="recovery-codes">
          {recovery.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => (e.preventDefault(), onSignedIn(recovery.session))}>
          <SubmitButton>{t('mfa.continue')}</SubmitButton>
        </form>
      </>
    );
  }

  return (
    <>
      <PageHeading>{enrolling ? t('mfa.enrolTitle') : t('mfa.title')}</PageHeading>
      {enrolling ? (
        <>
          <p>{t('mfa.enrolIntro')}</p>
          {enrolment ? (
            <>
              <img src={enrolment.qrCodeDataUrl} alt={t('mfa.qrAlt')} width={200} height={200} />
              <p>
                {t('mfa.secretText')} <code>{enrolment.secret}</code>
              </p>
            </>
          ) : null}
        </>
      ) : (
        <p>{t('mfa.intro')}</p>
      )}
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={failure} />
        <TextField id="code" label={t('mfa.code')} autocomplete="one-time-code" value={code} onChange={setCode} required />
        <SubmitButton disabled={busy}>{t('mfa.submit')}</SubmitButton>
      </form>
    </>
  );
}
