import type { MlopsDriftRetraining } from '@backstage-mlops/plugin-mlops-common';
import Typography from '@material-ui/core/Typography';
import { RelativeTime } from '../RelativeTime';
import { RunStatusIndicator } from '../StatusIndicator';

/**
 * Props of {@link DriftRetraining}.
 *
 * @internal
 */
export interface DriftRetrainingProps {
  /** Undefined when no drift alert has started a training run. */
  drift?: MlopsDriftRetraining;
}

/**
 * When the model's drift alert last fired and the retraining run it started.
 *
 * @internal
 */
export function DriftRetraining(props: DriftRetrainingProps) {
  const { drift } = props;
  if (!drift) {
    return (
      <Typography variant="body2">
        No drift alert has started a retraining.
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="div">
      Drift alert last fired <RelativeTime value={drift.firedAt} />
      {drift.via ? ` (${drift.via})` : ''} and started retraining run{' '}
      <strong>{drift.run.name}</strong>:{' '}
      <RunStatusIndicator status={drift.run.status} />
    </Typography>
  );
}
