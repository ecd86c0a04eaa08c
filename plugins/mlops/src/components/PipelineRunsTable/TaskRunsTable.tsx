import type {
  MlopsPipelineRunSummary,
  MlopsStepSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import type { StatusTone } from '../../lib/statusTone';
import { RelativeTime } from '../RelativeTime';
import { RunStatusIndicator, StatusIndicator } from '../StatusIndicator';
import { WholeWordTable } from '../WholeWordTable';
import { DurationText } from './DurationText';
import { TaskMarks } from './TaskMarks';

const useStyles = makeStyles(theme => ({
  steps: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
  },
  taskName: { fontWeight: theme.typography.fontWeightMedium as number },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  // Short values that read badly when broken mid-word ("Succ eede d").
  noWrap: { whiteSpace: 'nowrap' },
}));

const STEP_TONES: Record<MlopsStepSummary['state'], StatusTone> = {
  waiting: 'pending',
  running: 'running',
  succeeded: 'ok',
  failed: 'error',
  skipped: 'aborted',
};

function stepDetail(step: MlopsStepSummary): string {
  const parts: string[] = [
    step.failureIgnored ? `${step.state} (ignored)` : step.state,
  ];
  if (step.exitCode !== undefined && step.exitCode !== 0) {
    parts.push(`exit code ${step.exitCode}`);
  }
  if (step.reason && step.reason !== 'Completed') {
    parts.push(step.reason);
  }
  return parts.join(', ');
}

function TaskRow(props: { task: MlopsTaskRunSummary; actions?: ReactNode }) {
  const classes = useStyles();
  const { task } = props;
  return (
    <TableRow>
      <TableCell>
        <Typography variant="body2" className={classes.taskName}>
          {task.pipelineTask}
        </Typography>
        <Typography variant="caption" component="div">
          {task.name}
        </Typography>
        <TaskMarks
          finally={task.finally}
          failureIgnored={task.failureIgnored}
          task={task}
        />
        {task.message && task.status !== 'Succeeded' && (
          <Typography variant="body2" component="div">
            {task.reason ? `${task.reason}: ` : ''}
            {task.message}
          </Typography>
        )}
        {task.earlierAttempts?.map(attempt => (
          <Typography
            key={attempt.attempt}
            variant="caption"
            component="div"
            aria-label={`Attempt ${attempt.attempt} of ${task.pipelineTask}`}
          >
            Attempt {attempt.attempt}: {attempt.status}
            {attempt.reason ? ` (${attempt.reason})` : ''}
            {attempt.message ? ` — ${attempt.message}` : ''}
          </Typography>
        ))}
      </TableCell>
      <TableCell className={classes.noWrap}>
        {task.failureIgnored ? (
          <StatusIndicator tone="warning">Failed (ignored)</StatusIndicator>
        ) : (
          <RunStatusIndicator status={task.status} />
        )}
      </TableCell>
      <TableCell className={classes.noWrap}>
        <RelativeTime value={task.startedAt} />
      </TableCell>
      <TableCell className={classes.noWrap}>
        <DurationText item={task} />
      </TableCell>
      <TableCell>
        {task.steps.length === 0 ? (
          '—'
        ) : (
          <ul
            className={classes.steps}
            aria-label={`Steps of ${task.pipelineTask}`}
          >
            {task.steps.map(step => (
              <li key={step.name}>
                <StatusIndicator
                  tone={
                    step.failureIgnored
                      ? 'warning'
                      : STEP_TONES[step.state] ?? 'warning'
                  }
                >
                  {step.name}
                  <Typography variant="caption" component="span">
                    &nbsp;({stepDetail(step)}
                    {step.durationSeconds !== undefined
                      ? `, ${Math.round(step.durationSeconds)}s`
                      : ''}
                    )
                  </Typography>
                </StatusIndicator>
              </li>
            ))}
          </ul>
        )}
      </TableCell>
      <TableCell>
        {task.results.length === 0
          ? '—'
          : task.results.map(r => (
              <Typography
                key={r.name}
                variant="body2"
                className={classes.mono}
                component="div"
              >
                {r.name}:{' '}
                {typeof r.value === 'string'
                  ? r.value
                  : JSON.stringify(r.value)}
              </Typography>
            ))}
      </TableCell>
      {props.actions !== undefined && <TableCell>{props.actions}</TableCell>}
    </TableRow>
  );
}

/**
 * Props of {@link TaskRunsTable}.
 *
 * @internal
 */
export interface TaskRunsTableProps {
  run: MlopsPipelineRunSummary;
  /** The TaskRuns to list (all of the run's, or those of one pipeline task). */
  tasks: MlopsTaskRunSummary[];
  /** The table's accessible name. */
  label: string;
  renderTaskActions?: (
    run: MlopsPipelineRunSummary,
    task: MlopsTaskRunSummary,
  ) => ReactNode;
}

/**
 * TaskRuns of a run as a table: task (finally, ignored failures and earlier
 * attempts marked), status, start, duration, steps, results and per-task actions.
 *
 * @internal
 */
export function TaskRunsTable(props: TaskRunsTableProps) {
  const classes = useStyles();
  const { run, tasks, renderTaskActions } = props;
  return (
    <WholeWordTable size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Task</TableCell>
          <TableCell className={classes.noWrap}>Status</TableCell>
          <TableCell className={classes.noWrap}>Started</TableCell>
          <TableCell className={classes.noWrap}>Duration</TableCell>
          <TableCell>Steps</TableCell>
          <TableCell>Results</TableCell>
          {renderTaskActions && (
            <TableCell className={classes.noWrap}>Actions</TableCell>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {tasks.length === 0 ? (
          <TableRow>
            <TableCell colSpan={renderTaskActions ? 7 : 6}>
              No task has started yet.
            </TableCell>
          </TableRow>
        ) : (
          tasks.map(task => (
            <TaskRow
              key={task.name}
              task={task}
              actions={renderTaskActions?.(run, task)}
            />
          ))
        )}
      </TableBody>
    </WholeWordTable>
  );
}
