import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { GcdsSearch } from '@gcds-core/components-react';

/** The header's search box, shown once signed in: its own chunk, so the sign-in page never loads it. */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <GcdsSearch
      action="/search"
      method="get"
      name="q"
      searchId="forum-search"
      placeholder={t('search.placeholder')}
      onGcdsSubmit={(event) => {
        event.preventDefault();
        navigate(`/search?${new URLSearchParams({ q: String(event.detail ?? '') })}`);
      }}
    />
  );
}
