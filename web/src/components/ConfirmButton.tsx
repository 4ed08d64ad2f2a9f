import { type ReactNode, useId, useRef } from 'react';

interface ConfirmButtonProps {
  /** The button that asks. */
  label: string;
  /** The dialog's title, a question. */
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  /** The button in the dialog that does it. */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
}

/**
 * A button for a step that cannot be undone by a click: it opens a modal dialog that says what
 * will happen and asks again. Escape or Cancel closes it and nothing happens.
 */
export function ConfirmButton(props: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  const confirm = () => {
    dialog.current?.close();
    props.onConfirm();
  };

  return (
    <>
      <button
        type="button"
        className={props.className}
        disabled={props.disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="confirm-dialog">
        <h2 id={titleId}>{props.title}</h2>
        <div>{props.children}</div>
        <div className="dialog-actions">
          <button type="button" onClick={confirm}>
            {props.confirmLabel}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
