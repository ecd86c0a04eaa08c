import type { MlopsTaskCounts } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 120,
  },
  bar: {
    display: 'flex',
    flex: 1,
    height: 8,
    borderRadius: 4,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
    border: `1px solid ${theme.palette.divider}`,
  },
  succeeded: { backgroundColor: theme.palette.success.main },
  failed: { backgroundColor: theme.palette.error.main },
  running: { backgroundColor: theme.palette.info.main },
  skipped: { backgroundColor: theme.palette.grey[500] },
}));

/**
 * Props of {@link TaskProgressBar}.
 *
 * @internal
 */
export interface TaskProgressBarProps {
  tasks: MlopsTaskCounts;
}

/**
 * Describes task counts in words, e.g. `3 of 5 tasks succeeded, 1 failed`.
 *
 * @internal
 */
export function describeTaskCounts(tasks: MlopsTaskCounts): string {
  const parts = [`${tasks.succeeded} of ${tasks.total} tasks succeeded`];
  if (tasks.failed) parts.push(`${tasks.failed} failed`);
  if (tasks.running) parts.push(`${tasks.running} running`);
  if (tasks.skipped) parts.push(`${tasks.skipped} skipped`);
  const notStarted =
    tasks.total -
    tasks.succeeded -
    tasks.failed -
    tasks.running -
    tasks.skipped;
  if (notStarted > 0) parts.push(`${notStarted} not started`);
  return parts.join(', ');
}

/**
 * A run's tasks as a stacked bar (succeeded, failed, running, skipped, the rest
 * not started) with `succeeded/total`, in the manner of the Tekton dashboard.
 *
 * @internal
 */
export function TaskProgressBar(props: TaskProgressBarProps) {
  const classes = useStyles();
  const { tasks } = props;
  const total = Math.max(
    tasks.total,
    tasks.succeeded + tasks.failed + tasks.running + tasks.skipped,
  );
  const segments = (['succeeded', 'failed', 'running', 'skipped'] as const)
    .filter(key => tasks[key] > 0)
    .map(key => (
      <span
        key={key}
        className={classes[key]}
        style={{ width: `${(tasks[key] / Math.max(total, 1)) * 100}%` }}
      />
    ));
  const label = describeTaskCounts(tasks);
  return (
    <div className={classes.root} title={label}>
      <span className={classes.bar} role="img" aria-label={label}>
        {segments}
      </span>
      <Typography variant="body2" component="span" aria-hidden="true">
        {tasks.succeeded}/{tasks.total}
      </Typography>
    </div>
  );
}
