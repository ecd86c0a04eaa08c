import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { MlopsLiveStatus } from '../../api/MlopsApi';
import type { StatusTone } from '../../lib/statusTone';
import { StatusIndicator } from '../StatusIndicator';

const SHOWN: Record<
  MlopsLiveStatus,
  { tone: StatusTone; label: string; help: string }
> = {
  connecting: {
    tone: 'pending',
    label: 'Connecting',
    help: 'Opening the live-updates channel.',
  },
  live: {
    tone: 'ok',
    label: 'Live',
    help: 'Changes on the cluster appear here as they happen.',
  },
  polling: {
    tone: 'warning',
    label: 'Refreshing every 15 s',
    help: 'The live-updates channel cannot be opened (a proxy or the network may block it), so this view reads again every 15 seconds.',
  },
  off: {
    tone: 'aborted',
    label: 'Not live',
    help: 'The backend refused live updates for this entity; reload the page to see changes.',
  },
};

/**
 * Props of {@link LiveStatus}.
 *
 * @internal
 */
export interface LiveStatusProps {
  status: MlopsLiveStatus;
}

/**
 * Whether a view follows the cluster as it changes: "Live", "Refreshing every
 * 15 s" while only polling works, "Not live" when refused; the tooltip says why.
 *
 * @internal
 */
export function LiveStatus(props: LiveStatusProps) {
  const shown = SHOWN[props.status];
  return (
    <Tooltip title={shown.help}>
      <Typography
        variant="body2"
        component="span"
        role="status"
        aria-live="polite"
        aria-label={`Live updates: ${shown.label}`}
      >
        <StatusIndicator tone={shown.tone}>{shown.label}</StatusIndicator>
      </Typography>
    </Tooltip>
  );
}
