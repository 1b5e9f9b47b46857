import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Locale } from '@forum/contracts';
import { api, StoredSession } from '../api/api-client';
import { SetPasswordForm } from '../account/set-password.form';
import { useAuth } from '../auth/auth-context';
import { PageHeading } from '../components/ui';
import { useAddressLanguage } from '../i18n/i18n';

/** /en|fr/accept-invitation?token=: the invited person chooses a first password and is signed in by the API's answer. */
export function AcceptInvitationPage({ lang }: { lang: Locale }) {
  useAddressLanguage(lang);
  const { t } = useTranslation();
  const { startSession } = useAuth();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token');

  const save = async (password: string) => {
    startSession(await api<StoredSession>('POST', '/auth/invitations/accept', { token, password }));
    navigate('/', { replace: true });
  };

  return (
    <>
      <PageHeading>{t('account.acceptTitle')}</PageHeading>
      {token ? (
        <>
          <p>{t('account.acceptIntro')}</p>
          <SetPasswordForm submitLabel={t('account.saveAccept')} save={save} invalidLinkHelp={t('account.askNewInvitation')} />
        </>
      ) : (
        <p>{t('account.noToken')}</p>
      )}
    </>
  );
}
