import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import '@gcds-core/components-react/gcds.css';
import './styles.css';
import { App } from './app';
import { AuthProvider } from './auth/auth-context';
import { setupI18n } from './i18n/i18n';
import { NotificationInboxProvider } from './notifications/notification-inbox';
import { LiveUpdatesProvider } from './realtime/live-updates';

const { i18n, ready } = setupI18n();

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <BrowserRouter>
          <AuthProvider>
            <LiveUpdatesProvider>
              <NotificationInboxProvider>
                <App />
              </NotificationInboxProvider>
            </LiveUpdatesProvider>
          </AuthProvider>
        </BrowserRouter>
      </I18nextProvider>
    </StrictMode>,
  );
// a French page waits for its messages (fetched while the session is being asked for); an English one does not.
// Should they fail to come, the page is shown in English rather than not at all.
void ready.then(render, render);
