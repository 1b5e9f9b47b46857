import { useTranslation } from 'react-i18next';
import type { Locale, TranslationState } from '@forum/contracts';
import { TextField } from './fields';
import { TextAreaField } from './choice-fields';

/** A record as the API returns a bilingual field `x`: `x`, `xEn`, `xFr`, and its `translation`. */
export type WithText = object & { translation?: TranslationState };

/**
 * The field in the page's language, read from `xEn`/`xFr` so that the language toggle switches content too;
 * while that side awaits translation, the other one with the language it is in.
 */
export function textIn(record: WithText | null | undefined, field: string, lang: string): { text: string; shownIn: Locale | null } {
  if (!record) return { text: '', shownIn: null };
  const r = record as Record<string, unknown>;
  const en = r[`${field}En`] as string | null | undefined;
  const fr = r[`${field}Fr`] as string | null | undefined;
  const plain = (r[field] as string | null | undefined) ?? '';
  if (en === undefined && fr === undefined) return { text: plain, shownIn: null };
  const reader: Locale = lang === 'fr' ? 'fr' : 'en';
  const own = reader === 'fr' ? fr : en;
  if (own) return { text: own, shownIn: reader };
  const other = reader === 'fr' ? en : fr;
  return other ? { text: other, shownIn: reader === 'fr' ? 'en' : 'fr' } : { text: plain, shownIn: null };
}

/** Plain text of a field in the page's language (for labels, titles of links). */
export function useText() {
  const { i18n } = useTranslation();
  return (record: WithText | null | undefined, field: string) => textIn(record, field, i18n.language).text;
}

/**
 * A bilingual field shown in the page's language; content shown in the other language carries its `lang`
 * and says its translation is to follow, so a French page never shows English unmarked.
 */
export function BilingualText({ record, field }: { record: WithText | null | undefined; field: string }) {
  const { t, i18n } = useTranslation();
  const { text, shownIn } = textIn(record, field, i18n.language);
  const reader = i18n.language === 'fr' ? 'fr' : 'en';
  if (!shownIn || shownIn === reader) return <>{text}</>;
  return (
    <>
      <span lang={shownIn}>{text}</span>{' '}
      <span className="flag translation-pending" data-testid="translation-pending">
        {t(reader === 'fr' ? 'translation.frenchToFollow' : 'translation.englishToFollow')}
      </span>
    </>
  );
}

/** The record's state, for the secretariat and for readers: which language it still awaits. */
export function TranslationFlag({ record }: { record: WithText | null | undefined }) {
  const { t } = useTranslation();
  const state = record?.translation;
  if (!state || state.status !== 'pending') return null;
  return (
    <span className="flag translation-pending" data-testid="translation-state">
      {t(state.sourceLang === 'fr' ? 'translation.englishPending' : 'translation.frenchPending')}
    </span>
  );
}

/** What a form sends for a bilingual field: the sides written, by their names (`titleEn`, `titleFr`). */
export function pairPayload(field: string, pair: { en: string; fr: string }): Record<string, string> {
  return {
    ...(pair.en.trim() ? { [`${field}En`]: pair.en.trim() } : {}),
    ...(pair.fr.trim() ? { [`${field}Fr`]: pair.fr.trim() } : {}),
  };
}

/**
 * Both languages of a field side by side, the writer's own first; either may stay empty (the other one is
 * then marked as awaiting translation).
 */
export function BilingualFields(props: {
  id: string;
  label: string;
  value: { en: string; fr: string };
  onChange(next: { en: string; fr: string }): void;
  error?: string;
  required?: boolean;
  multiline?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const first: Locale = i18n.language === 'fr' ? 'fr' : 'en';
  const order: Locale[] = first === 'fr' ? ['fr', 'en'] : ['en', 'fr'];
  return (
    <div className="bilingual-pair">
      {order.map((lang, index) => {
        const Field = props.multiline ? TextAreaField : TextField;
        return (
          <div key={lang} lang={lang === first ? undefined : lang}>
            <Field
              id={index === 0 ? props.id : `${props.id}-${lang}`}
              label={`${props.label} (${t(`translation.langs.${lang}`)})`}
              value={props.value[lang]}
              onChange={(v: string) => props.onChange({ ...props.value, [lang]: v })}
              error={index === 0 ? props.error : undefined}
              required={index === 0 ? props.required : undefined}
            />
          </div>
        );
      })}
    </div>
  );
}
