import { AlertDialog } from 'radix-ui';
import type { ReactNode, RefObject } from 'react';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Destructive actions get the danger style and initial focus on Cancel. */
  destructive?: boolean;
  busy?: boolean;
  /** The confirmation is not complete yet (e.g. a count still to be typed). */
  confirmDisabled?: boolean;
  /** What takes focus on opening, instead of Cancel (e.g. the field to type into). */
  initialFocus?: RefObject<HTMLElement | null>;
  onConfirm: () => void;
}

/** A modal confirmation (focus trapped, Escape cancels) for anything that cannot be undone. */
export function ConfirmDialog(props: Props) {
  const { open, onOpenChange, title, description, confirmLabel, cancelLabel, destructive, busy } =
    props;
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content
          className="dialog"
          onOpenAutoFocus={(event) => {
            if (!props.initialFocus?.current) return;
            event.preventDefault();
            props.initialFocus.current.focus();
          }}
        >
          <AlertDialog.Title className="dialog__title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="dialog__body" asChild>
            <div>{description}</div>
          </AlertDialog.Description>
          <div className="dialog__actions">
            <AlertDialog.Cancel className="button">{cancelLabel}</AlertDialog.Cancel>
            <AlertDialog.Action
              className={`button ${destructive ? 'button--danger-solid' : 'button--primary'}`}
              disabled={busy || props.confirmDisabled}
              onClick={(event) => {
                event.preventDefault();
                props.onConfirm();
              }}
            >
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
