import { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsErrorSummary } from '@gcds-core/components-react';

/**
 * The design system's error summary above a form: one link per field in error, each to its field.
 * `errors` maps a field's id to its message; fields without a message are left out.
 */
export function ErrorSummary({ errors }: { errors: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  const links = Object.fromEntries(
    Object.entries(errors)
      .filter(([, message]) => Boolean(message))
      .map(([id, message]) => [`#${id}`, message]),
  );
  if (!Object.keys(links).length) return null;
  // The summary looks its targets up in the page, but a design-system input lives in its component's shadow
  // root: the link is followed here instead, focusing the component (which hands focus to its input).
  const follow = (event: MouseEvent) => {
    const link = event.nativeEvent.composedPath().find((node): node is Element => node instanceof Element && node.tagName === 'GCDS-LINK');
    const href = link?.getAttribute('href');
    if (!href?.startsWith('#')) return;
    event.preventDefault();
    event.stopPropagation();
    const id = href.slice(1);
    const target =
      document.getElementById(id) ??
      Array.from(document.querySelectorAll<HTMLElement>('gcds-input, gcds-select, gcds-textarea')).find((el) => {
        const field = el as HTMLElement & { inputId?: string; selectId?: string; textareaId?: string };
        return (field.inputId ?? field.selectId ?? field.textareaId) === id;
      });
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  };
  return (
    <div onClickCapture={follow} data-testid="error-summary">
      <GcdsErrorSummary heading={t('workErrors.summaryHeading')} errorLinks={JSON.stringify(links)} />
    </div>
  );
}
