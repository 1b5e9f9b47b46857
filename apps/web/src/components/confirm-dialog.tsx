import { ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsButton, GcdsHeading } from '@gcds-core/components-react';

/**
 * Asks before an action that cannot be taken back or that tells other governments (deleting, rescheduling):
 * a native modal <dialog>, so focus is trapped and Escape cancels without any script of ours, with the design
 * system's buttons. `body` names who will be told.
 */
export function ConfirmDialog({ open, heading, body, confirmLabel, onConfirm, onCancel }: { open: boolean; heading: string; body: ReactNode; confirmLabel: string; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
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
      aria-labelledby="confirm-dialog-heading"
      aria-describedby="confirm-dialog-body"
      // Escape closes a modal dialog natively: the page must hear it as a cancel, or it would think it still open
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {open ? (
        <>
          <GcdsHeading tag="h2" marginTop="0" marginBottom="200">
            <span id="confirm-dialog-heading">{heading}</span>
          </GcdsHeading>
          <div id="confirm-dialog-body">{body}</div>
          <div className="row-actions">
            <GcdsButton type="button" buttonRole="primary" onGcdsClick={() => onConfirm()}>
              {confirmLabel}
            </GcdsButton>
            <GcdsButton type="button" buttonRole="secondary" onGcdsClick={() => onCancel()}>
              {t('confirmDialog.cancel')}
            </GcdsButton>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
