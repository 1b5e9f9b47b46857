import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/api-client';
import type { TextPreviewView } from '../api/types';
import { ActionButton } from './fields';
import { TextAreaField } from './choice-fields';

/**
 * Text people typed in Markdown, shown as the API rendered it. The HTML comes from the server's one renderer and
 * sanitizer (the same as the public pages'), never from the browser, so what an official concurs on is what
 * is published.
 */
export function RenderedText({ html, testId }: { html: string | null | undefined; testId?: string }) {
  if (!html) return null;
  // sanitized by the API's renderer (libs/core/src/text/markdown.rule.ts), never built here
  return <div className="rendered-text" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A Markdown textarea with a preview rendered by the API: the author sees the page as readers will. */
export function MarkdownField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  rows?: number;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<{ of: string; html: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const showPreview = async () => {
    setFailed(false);
    try {
      const { html } = await api<TextPreviewView>('POST', '/text/preview', { markdown: props.value });
      setPreview({ of: props.value, html });
    } catch {
      setFailed(true);
    }
  };
  const current = preview && preview.of === props.value ? preview : null;
  return (
    <div className="markdown-field">
      <TextAreaField
        id={props.id}
        label={props.label}
        value={props.value}
        onChange={props.onChange}
        error={props.error}
        rows={props.rows}
        required={props.required}
        hint={t('text.markdownHint')}
      />
      <ActionButton name={`${props.id}-preview`} onClick={() => void showPreview()}>
        {t('text.previewOf', { label: props.label })}
      </ActionButton>
      {failed ? <p role="alert">{t('text.previewFailed')}</p> : null}
      {current ? (
        <section className="markdown-preview" aria-label={t('text.previewOf', { label: props.label })} data-testid={`${props.id}-preview`}>
          {current.html ? <RenderedText html={current.html} /> : <p>{t('text.previewEmpty')}</p>}
        </section>
      ) : null}
    </div>
  );
}
