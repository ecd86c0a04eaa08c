import type {
  MlopsPipelineRunSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import { NameValueList } from '../NameValueList';
import { RunCauseAlert } from './RunCauseAlert';
import { RunGraph } from './RunGraph';
import { SkippedTasksTable } from './SkippedTasksTable';
import { TaskRunsTable } from './TaskRunsTable';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(1, 2, 2, 2) },
  notice: { marginBottom: theme.spacing(1) },
}));

/**
 * Props of {@link PipelineRunDetails}.
 *
 * @internal
 */
export interface PipelineRunDetailsProps {
  run: MlopsPipelineRunSummary;
  /** A slot for per-task actions, e.g. the logs of its steps. */
  renderTaskActions?: (
    run: MlopsPipelineRunSummary,
    task: MlopsTaskRunSummary,
  ) => ReactNode;
}

/**
 * The inside of an expanded run: what decided it first, its task graph, its tasks (finally tasks,
 * ignored failures and the attempts of retried tasks marked) with their steps,
 * states, durations and results, the tasks it skipped and why, and the run's params
 * and results.
 *
 * @internal
 */
export function PipelineRunDetails(props: PipelineRunDetailsProps) {
  const classes = useStyles();
  const { run, renderTaskActions } = props;
  return (
    <div className={classes.root}>
      <RunCauseAlert run={run} />
      {run.metricsProblems && (
        <Alert severity="warning" className={classes.notice}>
          Some model metrics of this run were dropped:{' '}
          {run.metricsProblems.join('; ')}.
        </Alert>
      )}
      {run.graph && (
        <RunGraph run={run} renderTaskActions={renderTaskActions} />
      )}
      <TaskRunsTable
        run={run}
        tasks={run.taskRuns}
        label={`Tasks of ${run.name}`}
        renderTaskActions={renderTaskActions}
      />
      <SkippedTasksTable runName={run.name} skipped={run.skippedTasks ?? []} />
      <Grid container spacing={2} style={{ marginTop: 8 }}>
        <Grid item xs={12} md={6}>
          <NameValueList title="Params" items={run.params} />
        </Grid>
        <Grid item xs={12} md={6}>
          <NameValueList title="Results" items={run.results} />
        </Grid>
      </Grid>
    </div>
  );
}
