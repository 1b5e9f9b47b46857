import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { LOCALES } from '@forum/contracts';
import { useAuth } from './auth/auth-context';
import { PageHeading } from './components/ui';
import { Shell } from './layout/shell';
import { AcceptInvitationPage } from './pages/accept-invitation.page';
import { AccountabilityPage } from './pages/accountability.page';
import { ActionItemDetailPage, ActionItemsPage } from './pages/action-items.page';
import { BodiesPage } from './pages/bodies.page';
import { BodyDetailPage } from './pages/body-detail.page';
import { CommuniqueDetailPage, CommuniquesPage } from './pages/communiques.page';
import { DashboardPage } from './pages/dashboard.page';
import { FundingClaimPage, FundingPage } from './pages/funding.page';
import { IndicatorDetailPage, IndicatorsPage } from './pages/indicators.page';
import { IntegrationsPage } from './pages/integrations.page';
import { JoinRequestsPage } from './pages/join-requests.page';
import { LoginPage } from './pages/login.page';
import { MeetingDetailPage, MeetingsPage } from './pages/meetings.page';
import { NotificationsPage } from './pages/notifications.page';
import { PeoplePage } from './pages/people.page';
import { TranslationsPage } from './pages/translations.page';
import { ResetPasswordPage } from './pages/reset-password.page';
import { SearchPage } from './pages/search.page';

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function RequireSecretariat({ children }: { children: ReactNode }) {
  const { isSecretariat } = useAuth();
  return isSecretariat ? <>{children}</> : <NotFound />;
}

function NotFound() {
  const { t } = useTranslation();
  return <PageHeading>{t('errors.pageNotFound')}</PageHeading>;
}

export function App() {
  const guard = (page: ReactNode) => <RequireSession>{page}</RequireSession>;
  return (
    <Shell>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {LOCALES.map((lang) => [
          <Route key={`reset-${lang}`} path={`/${lang}/reset-password`} element={<ResetPasswordPage lang={lang} />} />,
          <Route key={`accept-${lang}`} path={`/${lang}/accept-invitation`} element={<AcceptInvitationPage lang={lang} />} />,
        ])}
        <Route path="/" element={guard(<DashboardPage />)} />
        <Route path="/bodies" element={guard(<BodiesPage />)} />
        <Route path="/bodies/:id" element={guard(<BodyDetailPage />)} />
        <Route path="/bodies/:id/funding" element={guard(<FundingPage />)} />
        <Route path="/funding-claims/:id" element={guard(<FundingClaimPage />)} />
        <Route path="/join-requests" element={guard(<JoinRequestsPage />)} />
        <Route path="/meetings" element={guard(<MeetingsPage />)} />
        <Route path="/meetings/:id" element={guard(<MeetingDetailPage />)} />
        <Route path="/action-items" element={guard(<ActionItemsPage />)} />
        <Route path="/action-items/:id" element={guard(<ActionItemDetailPage />)} />
        <Route path="/accountability" element={guard(<AccountabilityPage />)} />
        <Route path="/communiques" element={guard(<CommuniquesPage />)} />
        <Route path="/communiques/:id" element={guard(<CommuniqueDetailPage />)} />
        <Route path="/indicators" element={guard(<IndicatorsPage />)} />
        <Route path="/indicators/:id" element={guard(<IndicatorDetailPage />)} />
        <Route path="/search" element={guard(<SearchPage />)} />
        <Route path="/notifications" element={guard(<NotificationsPage />)} />
        <Route path="/people" element={guard(<RequireSecretariat><PeoplePage /></RequireSecretariat>)} />
        <Route path="/translations" element={guard(<RequireSecretariat><TranslationsPage /></RequireSecretariat>)} />
        <Route path="/integrations" element={guard(<RequireSecretariat><IntegrationsPage /></RequireSecretariat>)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Shell>
  );
}
