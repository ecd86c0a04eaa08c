import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import SubjectIcon from '@material-ui/icons/Subject';
import { useState, type ReactNode } from 'react';
import type { MlopsEntityRef, MlopsLogTarget } from '../../api/MlopsApi';
import { LogDialog } from './LogDialog';

/**
 * Props of {@link LogButton}.
 *
 * @internal
 */
export interface LogButtonProps {
  entityRef: MlopsEntityRef;
  target: MlopsLogTarget;
  /** The dialog's title, e.g. `Step train of task train-model`. */
  title: string;
  /** Follow the log (the step or build still runs). */
  follow: boolean;
  children: ReactNode;
  /** The button's accessible name when its text alone is not clear enough. */
  ariaLabel?: string;
  /** Why there is no log to show; the button is then disabled with this tooltip. */
  unavailable?: string;
}

/**
 * A small "Logs" button that opens the {@link LogDialog} of a step or build.
 *
 * @internal
 */
export function LogButton(props: LogButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title={props.unavailable ?? ''}>
        <span>
          <Button
            size="small"
            color="primary"
            startIcon={<SubjectIcon fontSize="small" />}
            aria-label={props.ariaLabel}
            // Step names are identifiers: shown as written, on one line.
            style={{ textTransform: 'none', whiteSpace: 'nowrap' }}
            disabled={props.unavailable !== undefined}
            onClick={() => setOpen(true)}
          >
            {props.children}
          </Button>
        </span>
      </Tooltip>
      {open && (
        <LogDialog
          entityRef={props.entityRef}
          target={props.target}
          title={props.title}
          follow={props.follow}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
