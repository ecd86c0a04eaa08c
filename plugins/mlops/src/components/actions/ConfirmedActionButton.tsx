import { type ReactNode, useState } from 'react';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { PermittedButton, type PermittedButtonProps } from './PermittedButton';

/**
 * Props of {@link ConfirmedActionButton}: a {@link PermittedButton} whose click
 * asks first.
 *
 * @internal
 */
export interface ConfirmedActionButtonProps
  extends Omit<PermittedButtonProps, 'onClick'> {
  /** The question, e.g. "Stop my-workbench?". */
  confirmTitle: string;
  /** The confirming button's label, e.g. "Stop". */
  confirmLabel: string;
  /** What will happen, in words. */
  consequences: ReactNode;
  onConfirm: () => void;
}

/**
 * A permission-gated button for an action that stops or restarts something: it
 * runs the action only after a confirmation.
 *
 * @internal
 */
export function ConfirmedActionButton(props: ConfirmedActionButtonProps) {
  const { confirmTitle, confirmLabel, consequences, onConfirm, ...button } =
    props;
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <PermittedButton {...button} onClick={() => setConfirming(true)} />
      <ConfirmActionDialog
        open={confirming}
        title={confirmTitle}
        confirmLabel={confirmLabel}
        onClose={() => setConfirming(false)}
        onConfirm={onConfirm}
      >
        {consequences}
      </ConfirmActionDialog>
    </>
  );
}
