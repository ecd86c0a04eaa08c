import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { MlopsRunStatus } from '@backstage-mlops/plugin-mlops-common';
import type { ReactNode } from 'react';
import {
  runStatusLabel,
  runStatusTone,
  type StatusTone,
} from '../../lib/statusTone';

const ICONS: Record<
  StatusTone,
  (props: { children?: ReactNode }) => JSX.Element
> = {
  ok: StatusOK,
  error: StatusError,
  warning: StatusWarning,
  running: StatusRunning,
  pending: StatusPending,
  aborted: StatusAborted,
};

// The core-components status components hide themselves from assistive
// technology (aria-hidden) and carry a generic aria-label ("Status ok"); their
// text is the status here, so it must be read out. Their props type is `{}`,
// hence the untyped spread.
const READ_OUT: {} = { 'aria-hidden': undefined, 'aria-label': undefined };

/**
 * Props of {@link StatusIndicator}.
 *
 * @internal
 */
export interface StatusIndicatorProps {
  tone: StatusTone;
  /** The status in words, shown next to the icon. */
  children?: ReactNode;
}

/**
 * A status icon of core-components (colour and shape by tone) with its label,
 * readable by screen readers.
 *
 * @internal
 */
export function StatusIndicator(props: StatusIndicatorProps) {
  const Icon = ICONS[props.tone];
  return <Icon {...READ_OUT}>{props.children}</Icon>;
}

/**
 * Props of {@link RunStatusIndicator}.
 *
 * @internal
 */
export interface RunStatusIndicatorProps {
  status: MlopsRunStatus;
}

/**
 * The status of a run, task, validation job or build: icon and label.
 *
 * @internal
 */
export function RunStatusIndicator(props: RunStatusIndicatorProps) {
  return (
    <StatusIndicator tone={runStatusTone(props.status)}>
      {runStatusLabel(props.status)}
    </StatusIndicator>
  );
}
