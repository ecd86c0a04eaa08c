import type {
  MlopsPipelineRunSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import type { RunGraphNode } from '../../lib/runGraphLayout';
import { SkippedTasksTable } from './SkippedTasksTable';
import { TaskRunsTable } from './TaskRunsTable';

/**
 * Props of {@link RunGraphTaskDialog}.
 *
 * @internal
 */
export interface RunGraphTaskDialogProps {
  run: MlopsPipelineRunSummary;
  node: RunGraphNode;
  renderTaskActions?: (
    run: MlopsPipelineRunSummary,
    task: MlopsTaskRunSummary,
  ) => ReactNode;
  onClose: () => void;
}

/**
 * One task of a run's graph in a dialog: its TaskRuns as the run's task table shows
 * them (steps, results, attempts, the step-log buttons), or why it was skipped, or
 * that it has not run.
 *
 * @internal
 */
export function RunGraphTaskDialog(props: RunGraphTaskDialogProps) {
  const { run, node } = props;
  const titleId = `mlops-run-graph-task-${run.name}-${node.name}`;
  let body: ReactNode;
  if (node.skipped) {
    body = <SkippedTasksTable runName={run.name} skipped={[node.skipped]} />;
  } else if (node.taskRuns.length === 0) {
    body = (
      <Typography variant="body2">
        {node.state === 'Did not run'
          ? 'The run ended before this task ran.'
          : 'This task has not started yet.'}
      </Typography>
    );
  } else {
    body = (
      <TaskRunsTable
        run={run}
        tasks={node.taskRuns}
        label={`TaskRuns of ${node.name}`}
        renderTaskActions={props.renderTaskActions}
      />
    );
  }
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="lg"
    >
      <DialogTitle id={titleId}>
        {node.name} in {run.name}
        {node.finally ? ' (finally)' : ''}
      </DialogTitle>
      <DialogContent>
        {node.after.length > 0 && (
          <Typography variant="body2" gutterBottom>
            Runs after {node.after.join(', ')}.
          </Typography>
        )}
        {body}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
