import {
  isMlopsRunFinished,
  type MlopsStepSummary,
  type MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { LogButton } from './LogButton';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

/** A step writes to its log while it waits to start (pulling) or runs. */
function stepMayStillWrite(
  task: MlopsTaskRunSummary,
  step: MlopsStepSummary,
): boolean {
  return (
    !isMlopsRunFinished(task.status) &&
    (step.state === 'running' || step.state === 'waiting')
  );
}

/**
 * Props of {@link StepLogButtons}.
 *
 * @internal
 */
export interface StepLogButtonsProps {
  entityRef: MlopsEntityRef;
  task: MlopsTaskRunSummary;
}

/**
 * A "Logs" button per step of a TaskRun (named after the step when there are
 * several), following the log of a step that still runs. A skipped step has no
 * log: its button says so.
 *
 * @internal
 */
export function StepLogButtons(props: StepLogButtonsProps) {
  const classes = useStyles();
  const { task } = props;
  if (task.steps.length === 0) {
    return null;
  }
  return (
    <ul className={classes.list} aria-label={`Logs of ${task.pipelineTask}`}>
      {task.steps.map(step => (
        <li key={step.name}>
          <LogButton
            entityRef={props.entityRef}
            target={{ type: 'step', taskRun: task.name, step: step.name }}
            title={`Log of step ${step.name} of task ${task.pipelineTask} (${task.name})`}
            follow={stepMayStillWrite(task, step)}
            ariaLabel={`Logs of step ${step.name} of ${task.pipelineTask}`}
            unavailable={
              step.state === 'skipped'
                ? 'Tekton skipped this step: it wrote no log'
                : undefined
            }
          >
            {task.steps.length === 1 ? 'Logs' : step.name}
          </LogButton>
        </li>
      ))}
    </ul>
  );
}
