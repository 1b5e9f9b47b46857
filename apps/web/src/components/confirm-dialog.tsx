import { ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsButton, GcdsHeading } from '@gcds-core/components-react';

/**
 * Asks before an action that cannot be taken back or that tells other governments (cancelling a meeting, ending a
 * seat, objecting). A native modal <dialog>: the browser traps focus, Escape cancels, and focus returns where it was.
 */
export function ConfirmDialog({
  open,
  heading,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  heading: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // jsdom and old browsers have no showModal: an open attribute still shows it
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        // Escape: the page decides whether the dialog stays open
        e.preventDefault();
        onCancel();
      }}
    >
      {open ? (
        <>
          <GcdsHeading tag="h2" marginTop="0" marginBottom="200" id={headingId}>
            {heading}
          </GcdsHeading>
          <div id={bodyId}>{body}</div>
          <div className="row-actions">
            <GcdsButton type="button" buttonRole="danger" onGcdsClick={() => onConfirm()}>
              {confirmLabel}
            </GcdsButton>
            <GcdsButton type="button" buttonRole="secondary" onGcdsClick={() => onCancel()}>
              {t('confirm.goBack')}
            </GcdsButton>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
