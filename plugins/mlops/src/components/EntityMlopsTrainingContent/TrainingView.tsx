import {
  EmptyState,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import {
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_MODEL_NAME_LABEL,
  type MlopsNotInstalled,
  type MlopsPipelineRunSummary,
  type MlopsRunStatus,
  type MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsLiveUpdates } from '../../hooks/useMlopsLiveUpdates';
import { useMlopsTraining } from '../../hooks/useMlopsTraining';
import { BuildsTable } from '../BuildsTable';
import { CursorPagination } from '../CursorPagination';
import { FreshnessNotices } from '../FreshnessNotices';
import { LiveStatus } from '../LiveStatus';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import type { MlopsModelView } from '../MlopsModelGate';
import { PipelineRunsTable } from '../PipelineRunsTable';
import { RunStatusFilter } from '../RunStatusFilter';
import { SectionCard } from '../SectionCard';
import {
  TrainingRunsChart,
  trainingRunsChartHeading,
} from '../TrainingRunsChart';
import { ValidationJobsTable } from '../ValidationJobsTable';
import { metricNamesOf } from '../../lib/runMetrics';
import { RunComparisonCard, MAX_COMPARED_RUNS } from './RunComparisonCard';
import { MetricTrendCharts } from '../MetricTrendCharts';
import type { TrainingSlots } from './TrainingSlots';

/** Runs per page of the table, and runs in the chart. */
const PAGE_SIZE = 25;

const useStyles = makeStyles(theme => ({
  toolbar: {
    marginBottom: theme.spacing(1),
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  loading: { minHeight: 4 },
}));

function notInstalledOf(
  response: MlopsTrainingResponse | undefined,
  resource: string,
): MlopsNotInstalled | undefined {
  return response?.notInstalled.find(n => n.resource === resource);
}

/**
 * Props of {@link TrainingView}.
 *
 * @internal
 */
export interface TrainingViewProps extends TrainingSlots {
  model: MlopsModelView;
  entityRef: MlopsEntityRef;
}

/**
 * The body of the Training tab once the model's coordinates are known: the
 * chart of the last runs, the runs table (status filter, newer/older pages,
 * expandable tasks), the validation jobs, the builds, and where it all runs.
 *
 * @internal
 */
export function TrainingView(props: TrainingViewProps) {
  const classes = useStyles();
  const { model, entityRef } = props;
  const { coordinates, clusterLabel } = model;
  const label = `${MLOPS_MODEL_NAME_LABEL}=${coordinates.modelName}`;

  // `?run=<name>` (e.g. from the Health tab's lineage) opens that run's row.
  const [searchParams] = useSearchParams();
  const openRun = searchParams.get('run') ?? undefined;
  const [status, setStatus] = useState<MlopsRunStatus[]>([]);
  // The cursors of the pages after the first, in the order they were opened.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const onFirstPage = status.length === 0 && cursor === undefined;

  // The newest unfiltered page feeds the chart, the jobs and the builds; the
  // table reads it too unless filtered or paged.
  const overview = useMlopsTraining(entityRef, { limit: PAGE_SIZE });
  const other = useMlopsTraining(
    entityRef,
    onFirstPage ? undefined : { status, limit: PAGE_SIZE, cursor },
  );
  const runs = onFirstPage ? overview : other;
  const data = overview.value;
  // Paging and filtering leave the chart of the newest runs as it is.
  const newestRuns = data?.pipelineRuns.items;
  const chart = useMemo(
    () => (newestRuns ? <TrainingRunsChart runs={newestRuns} /> : undefined),
    [newestRuns],
  );
  const metricCharts = useMemo(
    () =>
      newestRuns && metricNamesOf(newestRuns).length > 0 ? (
        <MetricTrendCharts runs={newestRuns} />
      ) : undefined,
    [newestRuns],
  );
  // Runs picked to compare, kept across pages and filters.
  const [compared, setCompared] = useState<MlopsPipelineRunSummary[]>([]);
  const refresh = () => {
    overview.refresh();
    if (!onFirstPage) {
      other.refresh();
    }
  };
  // A new run, a run that moves on, a finished build: read the newest page again
  // (answered from the backend's cache, no cluster request).
  const liveStatus = useMlopsLiveUpdates(entityRef, refresh);

  const where = (
    <SectionCard title="Where training runs">
      <StructuredMetadataTable
        options={{ titleFormat: key => key }}
        metadata={{
          Cluster: clusterLabel,
          Namespace: coordinates.namespace,
          'Model name label': label,
          'Training pipeline': coordinates.trainingPipeline,
          BuildConfig:
            coordinates.buildConfig ??
            `none (set the ${MLOPS_ANNOTATION_BUILD_CONFIG} annotation to track builds)`,
        }}
      />
    </SectionCard>
  );

  if (overview.error) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <MlopsErrorPanel
            error={overview.error}
            what="training runs"
            onRetry={overview.refresh}
          />
        </Grid>
        <Grid item xs={12}>
          {where}
        </Grid>
      </Grid>
    );
  }

  if (!data) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Progress />
        </Grid>
        <Grid item xs={12}>
          {where}
        </Grid>
      </Grid>
    );
  }

  const tektonMissing = notInstalledOf(data, 'pipelineruns');
  const page = runs.value?.pipelineRuns;
  // The picked runs as the newest answer has them (they move on while running).
  const comparedRuns = compared.map(
    c => page?.items.find(r => r.name === c.name) ?? c,
  );
  const toggleCompared = (run: MlopsPipelineRunSummary) =>
    setCompared(current =>
      current.some(c => c.name === run.name)
        ? current.filter(c => c.name !== run.name)
        : [...current, run].slice(0, MAX_COMPARED_RUNS),
    );

  let table;
  if (runs.error) {
    table = (
      <MlopsErrorPanel
        error={runs.error}
        what="training runs"
        onRetry={refresh}
      />
    );
  } else if (!page) {
    table = <Progress />;
  } else if (page.items.length === 0) {
    table =
      status.length > 0 ? (
        <EmptyState
          missing="data"
          title={`No runs with status ${status.join(' or ')}`}
          description="Choose All to see every run."
        />
      ) : (
        <EmptyState
          missing="data"
          title="No training runs yet"
          description={
            tektonMissing
              ? `${tektonMissing.message}. Install Tekton Pipelines (OpenShift Pipelines) on the cluster to train the model.`
              : `Runs of pipeline ${coordinates.trainingPipeline} labelled ${label} in namespace ${coordinates.namespace} appear here. Start one, e.g. with \`tkn pipeline start ${coordinates.trainingPipeline} --labels ${label}\`, or wait for its schedule.`
          }
        />
      );
  } else {
    table = (
      <>
        <PipelineRunsTable
          runs={page.items}
          caption={`Training runs of ${coordinates.modelName}, newest first`}
          renderRowActions={props.renderRunActions}
          renderTaskActions={props.renderTaskActions}
          metricNames={metricNamesOf(page.items)}
          openRun={openRun}
          selection={{
            isSelected: run => compared.some(c => c.name === run.name),
            canSelect: () => compared.length < MAX_COMPARED_RUNS,
            onToggle: toggleCompared,
          }}
        />
        <CursorPagination
          pageIndex={cursors.length}
          pageSize={PAGE_SIZE}
          itemCount={page.items.length}
          totalItems={page.totalItems}
          noun="runs"
          hasOlder={page.nextCursor !== undefined}
          loading={runs.loading}
          onNewer={() => setCursors(c => c.slice(0, -1))}
          onOlder={() => {
            const next = page.nextCursor;
            if (next !== undefined) {
              setCursors(c => [...c, next]);
            }
          }}
        />
      </>
    );
  }

  const jobs = data.validationJobs;
  const builds = data.builds;
  const nvjMissing = notInstalledOf(data, 'notebookvalidationjobs');
  const buildsMissing = notInstalledOf(data, 'builds');

  return (
    <Grid container spacing={3}>
      {(data.freshness.length > 0 || data.notInstalled.length > 0) && (
        <Grid item xs={12}>
          <FreshnessNotices
            freshness={data.freshness}
            notInstalled={data.notInstalled}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <SectionCard
          title="Training runs"
          subheader={`Pipeline ${coordinates.trainingPipeline}, ${
            data.pipelineRuns.totalItems
          } ${data.pipelineRuns.totalItems === 1 ? 'run' : 'runs'} in all`}
          onRefresh={refresh}
          action={props.trainingActions}
        >
          <Typography variant="h6" component="h3">
            {trainingRunsChartHeading(data.pipelineRuns.items.length)}
          </Typography>
          {chart}
          <div className={classes.toolbar}>
            <RunStatusFilter
              value={status}
              onChange={next => {
                setStatus(next);
                setCursors([]);
              }}
            />
            <LiveStatus status={liveStatus} />
          </div>
          <div className={classes.loading}>
            {runs.loading && runs.value && (
              <LinearProgress aria-label="Loading runs" />
            )}
          </div>
          {table}
        </SectionCard>
      </Grid>
      {compared.length > 0 && (
        <Grid item xs={12}>
          <RunComparisonCard
            runs={comparedRuns}
            onRemove={toggleCompared}
            onClear={() => setCompared([])}
          />
        </Grid>
      )}
      {metricCharts && (
        <Grid item xs={12}>
          <SectionCard
            title="Model metrics"
            subheader="The metrics each of the last runs reported (its metrics result)"
          >
            {metricCharts}
          </SectionCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <SectionCard
          title="Notebook validation jobs"
          subheader={`The newest ${jobs.items.length} of ${jobs.totalItems} jobs labelled ${label}`}
          action={props.renderValidationActions?.(jobs.items.length > 0)}
        >
          {jobs.items.length === 0 ? (
            <EmptyState
              missing="data"
              title="No notebook validation jobs yet"
              description={
                nvjMissing
                  ? `${nvjMissing.message}. Install the Jupyter Notebook Validator Operator to validate the model's notebooks.`
                  : `Create a NotebookValidationJob labelled ${label} in namespace ${coordinates.namespace} to check that the model's notebooks run; its per-cell results appear here.`
              }
            />
          ) : (
            <ValidationJobsTable
              jobs={jobs.items}
              caption={`Notebook validation jobs of ${coordinates.modelName}, newest first`}
            />
          )}
        </SectionCard>
      </Grid>
      <Grid item xs={12}>
        <SectionCard
          title="Image builds"
          action={props.buildActions}
          subheader={
            coordinates.buildConfig
              ? `The newest ${builds.items.length} of ${builds.totalItems} builds of OpenShift BuildConfig ${coordinates.buildConfig}`
              : undefined
          }
        >
          {builds.items.length === 0 ? (
            <EmptyState
              missing="data"
              title="No image builds yet"
              description={
                // eslint-disable-next-line no-nested-ternary
                buildsMissing
                  ? `${buildsMissing.message}. Builds need OpenShift (build.openshift.io).`
                  : coordinates.buildConfig
                  ? `Start a build of BuildConfig ${coordinates.buildConfig}, e.g. with \`oc start-build ${coordinates.buildConfig} -n ${coordinates.namespace}\`; it bakes the notebook's dependencies into the validation image.`
                  : `Set the ${MLOPS_ANNOTATION_BUILD_CONFIG} annotation to the BuildConfig (S2I) that bakes the model's notebook dependencies into its validation image.`
              }
            />
          ) : (
            <BuildsTable
              builds={builds.items}
              renderRowActions={props.renderBuildActions}
              caption={`Image builds of ${
                coordinates.buildConfig ?? coordinates.modelName
              }, newest first`}
            />
          )}
        </SectionCard>
      </Grid>
      <Grid item xs={12}>
        {where}
      </Grid>
    </Grid>
  );
}
