import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import type { ReactNode } from 'react';

/**
 * Props of {@link PermittedButton}.
 *
 * @internal
 */
export interface PermittedButtonProps {
  /** The action's permission, checked against the entity. */
  permission: ResourcePermission<'catalog-entity'>;
  /** The entity the action is about, e.g. `component:default/anomaly-detector`. */
  resourceRef: string;
  children: ReactNode;
  onClick: () => void;
  /** The action is under way: the button shows progress and waits. */
  busy?: boolean;
  /** Why the button cannot be used now, even with the permission. */
  unavailable?: string;
  /** Tells what is missing when the permission is denied, e.g. "run training". */
  deniedWhat: string;
  variant?: 'text' | 'outlined' | 'contained';
  startIcon?: ReactNode;
}

/**
 * A button for an action that needs a permission on the entity: disabled, with a
 * tooltip that says why, while the permission is checked, when it is denied, or
 * when the action does not apply; showing progress while the action runs.
 *
 * @internal
 */
export function PermittedButton(props: PermittedButtonProps) {
  const { loading, allowed } = usePermission({
    permission: props.permission,
    resourceRef: props.resourceRef,
  });
  let reason: string | undefined;
  if (loading) {
    reason = 'Checking your permissions…';
  } else if (!allowed) {
    reason = `You do not have permission to ${props.deniedWhat} (${props.permission.name}).`;
  } else {
    reason = props.unavailable;
  }
  const button = (
    <Button
      size="small"
      color="primary"
      variant={props.variant ?? 'outlined'}
      onClick={props.onClick}
      disabled={reason !== undefined || props.busy}
      startIcon={
        props.busy ? (
          <CircularProgress size={14} aria-label="In progress" />
        ) : (
          props.startIcon
        )
      }
    >
      {props.children}
    </Button>
  );
  // A disabled button gets no pointer events: the tooltip needs a wrapper. The
  // wrapper stays when there is nothing to say, so the button is not remounted
  // (and keyboard focus not lost) when the permission decision arrives.
  return (
    <Tooltip title={reason ?? ''}>
      <span>{button}</span>
    </Tooltip>
  );
}
