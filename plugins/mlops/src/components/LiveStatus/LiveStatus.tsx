import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { MlopsLiveStatus } from '../../api/MlopsApi';
import type { StatusTone } from '../../lib/statusTone';
import { StatusIndicator } from '../StatusIndicator';

const SHOWN: Record<
  MlopsLiveStatus,
  { tone: StatusTone; label: string; help: string }
> = {
  live: {
    tone: 'ok',
    label: 'Live',
    help: 'Changes on the cluster appear here as they happen (Backstage Signals).',
  },
  polling: {
    tone: 'warning',
    label: 'Not live',
    help: 'This portal has no Backstage Signals, so this view reads again every 15 seconds.',
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
 * Whether a view follows the cluster as it changes: "Live" with Backstage Signals,
 * "Not live" without (the view then reads again every 15 s); the tooltip says so.
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
