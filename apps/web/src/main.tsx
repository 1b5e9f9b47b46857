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

const i18n = setupI18n();

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
