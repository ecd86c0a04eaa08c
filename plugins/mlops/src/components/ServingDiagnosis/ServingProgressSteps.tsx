import type {
  MlopsServingProgressStep,
  MlopsServingStepState,
} from '@backstage-mlops/plugin-mlops-common';
import Typography from '@material-ui/core/Typography';
import type { StatusTone } from '../../lib/statusTone';
import { StatusIndicator } from '../StatusIndicator';

const TONES: Record<MlopsServingStepState, StatusTone> = {
  done: 'ok',
  active: 'running',
  failed: 'error',
  pending: 'pending',
};

const STATE_WORDS: Record<MlopsServingStepState, string> = {
  done: 'done',
  active: 'in progress',
  failed: 'failed',
  pending: 'not yet',
};

/**
 * Props of {@link ServingProgressSteps}.
 *
 * @internal
 */
export interface ServingProgressStepsProps {
  steps: MlopsServingProgressStep[];
}

/**
 * The steps of an InferenceService's deployment, in order, each with its state
 * (done, in progress, failed with the cluster's reason, not yet).
 *
 * @internal
 */
export function ServingProgressSteps(props: ServingProgressStepsProps) {
  return (
    <ol aria-label="Deployment progress" style={{ margin: 0, paddingLeft: 20 }}>
      {props.steps.map(step => (
        <li key={step.id}>
          <StatusIndicator tone={TONES[step.state]}>
            {step.label} ({STATE_WORDS[step.state]})
          </StatusIndicator>
          {step.detail && (
            <Typography variant="body2" color="textSecondary">
              {step.detail}
            </Typography>
          )}
        </li>
      ))}
    </ol>
  );
}
