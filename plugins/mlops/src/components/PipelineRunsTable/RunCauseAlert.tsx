import type { MlopsPipelineRunSummary } from '@backstage-mlops/plugin-mlops-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

function reasonAndMessage(reason?: string, message?: string): string {
  if (reason && message) {
    return `${reason}: ${message}`;
  }
  return reason ?? message ?? '';
}

/**
 * Props of {@link RunCauseAlert}.
 *
 * @internal
 */
export interface RunCauseAlertProps {
  run: MlopsPipelineRunSummary;
}

/**
 * What decided a run, first: for a run that did not succeed, the task that decided it
 * (marked when it is a `finally` task) with its verdict when it gates promotion (e.g.
 * `not promoted: accuracy 0.81 < served 0.86 − 0.02`), its reason and message, else the run's own
 * reason; for a run that succeeded with ignored failures, which tasks failed without
 * failing it.
 *
 * @internal
 */
export function RunCauseAlert(props: RunCauseAlertProps) {
  const { run } = props;
  const ended =
    run.status === 'Failed' ||
    run.status === 'TimedOut' ||
    run.status === 'Cancelled';
  if (ended && (run.cause || run.message)) {
    const { cause } = run;
    const where = cause?.task
      ? `${cause.finally ? 'Finally task' : 'Task'} ${cause.task} — `
      : '';
    const text = cause
      ? reasonAndMessage(cause.reason, cause.message)
      : reasonAndMessage(run.reason, run.message);
    if (cause?.verdict) {
      // A gate refused the candidate: its verdict in words first, the exit second.
      return (
        <Alert severity="error">
          <AlertTitle>
            {where}
            {cause.verdict}
          </AlertTitle>
          {text}
        </Alert>
      );
    }
    return (
      <Alert severity={run.status === 'Cancelled' ? 'info' : 'error'}>
        {where}
        {text}
      </Alert>
    );
  }
  const ignored = run.taskRuns.filter(task => task.failureIgnored);
  if (ignored.length > 0) {
    return (
      <Alert severity="warning">
        Succeeded with {ignored.length} ignored{' '}
        {ignored.length === 1 ? 'failure' : 'failures'} (onError: continue):{' '}
        {ignored
          .map(task =>
            [task.pipelineTask, reasonAndMessage(task.reason, task.message)]
              .filter(Boolean)
              .join(' — '),
          )
          .join('; ')}
      </Alert>
    );
  }
  return null;
}
