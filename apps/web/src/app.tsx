import { lazy, ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { LOCALES } from '@forum/contracts';
import { useAuth } from './auth/auth-context';
import { Loading, NotFoundPage } from './components/ui';
import { useAddressLanguage } from './i18n/i18n';
import { Shell } from './layout/shell';
// the sign-in page is where most visits start: it comes with the first script
import { LoginPage } from './pages/login.page';

// Each page is its own chunk, fetched when first shown: the first page of a visit loads only what it needs.
const AcceptInvitationPage = lazy(() => import('./pages/accept-invitation.page').then((m) => ({ default: m.AcceptInvitationPage })));
const AccountabilityPage = lazy(() => import('./pages/accountability.page').then((m) => ({ default: m.AccountabilityPage })));
const ActionItemDetailPage = lazy(() => import('./pages/action-items.page').then((m) => ({ default: m.ActionItemDetailPage })));
const ActionItemsPage = lazy(() => import('./pages/action-items.page').then((m) => ({ default: m.ActionItemsPage })));
const BodiesPage = lazy(() => import('./pages/bodies.page').then((m) => ({ default: m.BodiesPage })));
const BodyDetailPage = lazy(() => import('./pages/body-detail.page').then((m) => ({ default: m.BodyDetailPage })));
const CommuniqueDetailPage = lazy(() => import('./pages/communiques.page').then((m) => ({ default: m.CommuniqueDetailPage })));
const CommuniquesPage = lazy(() => import('./pages/communiques.page').then((m) => ({ default: m.CommuniquesPage })));
const DashboardPage = lazy(() => import('./pages/dashboard.page').then((m) => ({ default: m.DashboardPage })));
const FundingClaimPage = lazy(() => import('./pages/funding.page').then((m) => ({ default: m.FundingClaimPage })));
const FundingPage = lazy(() => import('./pages/funding.page').then((m) => ({ default: m.FundingPage })));
const IndicatorDetailPage = lazy(() => import('./pages/indicators.page').then((m) => ({ default: m.IndicatorDetailPage })));
const IndicatorsPage = lazy(() => import('./pages/indicators.page').then((m) => ({ default: m.IndicatorsPage })));
const IntegrationsPage = lazy(() => import('./pages/integrations.page').then((m) => ({ default: m.IntegrationsPage })));
const JoinRequestsPage = lazy(() => import('./pages/join-requests.page').then((m) => ({ default: m.JoinRequestsPage })));
const MeetingDetailPage = lazy(() => import('./pages/meetings.page').then((m) => ({ default: m.MeetingDetailPage })));
const MeetingsPage = lazy(() => import('./pages/meetings.page').then((m) => ({ default: m.MeetingsPage })));
const NotificationsPage = lazy(() => import('./pages/notifications.page').then((m) => ({ default: m.NotificationsPage })));
const PeoplePage = lazy(() => import('./pages/people.page').then((m) => ({ default: m.PeoplePage })));
const TranslationsPage = lazy(() => import('./pages/translations.page').then((m) => ({ default: m.TranslationsPage })));
const ResetPasswordPage = lazy(() => import('./pages/reset-password.page').then((m) => ({ default: m.ResetPasswordPage })));
const SearchPage = lazy(() => import('./pages/search.page').then((m) => ({ default: m.SearchPage })));

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

/** /en and /fr: the application's home in that language. */
function LanguageHome({ lang }: { lang: (typeof LOCALES)[number] }) {
  useAddressLanguage(lang);
  return <Navigate to="/" replace />;
}

const NotFound = NotFoundPage;

export function App() {
  const guard = (page: ReactNode) => <RequireSession>{page}</RequireSession>;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {LOCALES.map((lang) => [
            <Route key={`home-${lang}`} path={`/${lang}`} element={<LanguageHome lang={lang} />} />,
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
          <Route
            path="/people"
            element={guard(
              <RequireSecretariat>
                <PeoplePage />
              </RequireSecretariat>,
            )}
          />
          <Route
            path="/translations"
            element={guard(
              <RequireSecretariat>
                <TranslationsPage />
              </RequireSecretariat>,
            )}
          />
          <Route
            path="/integrations"
            element={guard(
              <RequireSecretariat>
                <IntegrationsPage />
              </RequireSecretariat>,
            )}
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
