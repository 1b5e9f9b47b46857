import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/api-client';
import { EMAIL_DELIVERIES, type EmailDelivery, type NotificationPreferences } from '../api/types';
import { useResource } from '../api/use-resource';
import { SubmitButton } from '../components/fields';
import { RadioField } from '../components/choice-fields';
import { FormError, Loading, SectionHeading, Success } from '../components/ui';

/** Account emails are not a choice (without them nobody gets in), so only these categories are offered. */
const CHOOSABLE = ['meetings', 'action_items', 'communiques', 'membership', 'funding', 'indicators'] as const;
type Choosable = (typeof CHOOSABLE)[number];

const loadPreferences = () => api<NotificationPreferences>('GET', '/notifications/preferences');

/** Per category: an email at once, in the daily digest, or none. In-app notifications are always kept. */
export function NotificationPreferencesSection() {
  const { t } = useTranslation();
  const { data, error } = useResource(loadPreferences, []);
  const [choices, setChoices] = useState<Record<Choosable, EmailDelivery> | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data) setChoices(Object.fromEntries(CHOOSABLE.map((c) => [c, data[c]])) as Record<Choosable, EmailDelivery>);
  }, [data]);

  const choose = (category: Choosable) => (value: string) => {
    setSaved(false);
    setChoices((current) => (current ? { ...current, [category]: value as EmailDelivery } : current));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choices) return;
    setFailure(null);
    setSaved(false);
    setBusy(true);
    try {
      const answer = await api<NotificationPreferences>('PUT', '/notifications/preferences', choices);
      setChoices(Object.fromEntries(CHOOSABLE.map((c) => [c, answer[c]])) as Record<Choosable, EmailDelivery>);
      setSaved(true);
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="email-preferences">
      <SectionHeading>
        <span id="email-preferences">{t('preferences.title')}</span>
      </SectionHeading>
      <p>{t('preferences.intro')}</p>
      <FormError error={error} />
      {!choices && !error ? <Loading /> : null}
      {choices ? (
        <form onSubmit={submit} noValidate className="narrow-form">
          <FormError error={failure} />
          {CHOOSABLE.map((category) => (
            <RadioField
              key={category}
              id={`preference-${category}`}
              legend={t(`preferences.categories.${category}`)}
              value={choices[category]}
              onChange={choose(category)}
              options={EMAIL_DELIVERIES.map((d) => ({ value: d, label: t(`preferences.deliveries.${d}`) }))}
            />
          ))}
          <p>{t('preferences.account')}</p>
          {saved ? <Success>{t('preferences.saved')}</Success> : null}
          <SubmitButton disabled={busy}>{t('preferences.save')}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
