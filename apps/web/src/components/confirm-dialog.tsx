import { ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsButton, GcdsHeading, GcdsText } from '@gcds-core/components-react';

/**
 * Asks before an act that cannot be taken back or that tells other people (a withdrawal, a deactivation, a
 * refusal). A native modal <dialog>: the browser keeps focus inside it, Escape cancels, and focus returns to
 * the button that opened it. `open` stays the caller's state; the dialog only reports the choice.
 */
export function ConfirmDialog({ open, heading, body, confirmLabel, onConfirm, onCancel }: { open: boolean; heading: string; body: ReactNode; confirmLabel: string; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape: the caller closes it by changing `open`, so the two never disagree
        event.preventDefault();
        onCancel();
      }}
    >
      <GcdsHeading tag="h2" marginTop="0" marginBottom="200" id={headingId}>
        {heading}
      </GcdsHeading>
      <div id={bodyId}>{typeof body === 'string' ? <GcdsText>{body}</GcdsText> : body}</div>
      <div className="row-actions">
        <GcdsButton type="button" buttonRole="danger" onGcdsClick={() => onConfirm()}>
          {confirmLabel}
        </GcdsButton>
        <GcdsButton type="button" buttonRole="secondary" onGcdsClick={() => onCancel()}>
          {t('confirmDialog.cancel')}
        </GcdsButton>
      </div>
    </dialog>
  );
}
