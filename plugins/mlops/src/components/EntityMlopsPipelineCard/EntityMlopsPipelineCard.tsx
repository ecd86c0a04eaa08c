import {
  type Entity,
  getCompoundEntityRef,
  RELATION_DEPENDENCY_OF,
} from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import {
  EntityRefLink,
  MissingAnnotationEmptyState,
  useEntity,
  useRelatedEntities,
} from '@backstage/plugin-catalog-react';
import {
  isMlopsAvailable,
  MLOPS_ANNOTATION_NAMESPACE,
  type MlopsPipelineRunSummary,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { type ReactNode, useMemo } from 'react';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsTraining } from '../../hooks/useMlopsTraining';
import { formatDuration, runDuration } from '../../lib/formatDuration';
import { modelOfRunFinder } from '../../lib/modelOfRun';
import { FreshnessNotices } from '../FreshnessNotices';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { RelativeTime } from '../RelativeTime';
import { SectionCard } from '../SectionCard';
import { RunStatusIndicator } from '../StatusIndicator';
import { TaskProgressBar } from '../TaskProgressBar';
import { VisuallyHidden } from '../VisuallyHidden';
import { WholeWordTable } from '../WholeWordTable';

/** Runs shown on the card. */
const RECENT_RUNS = 10;

const useStyles = makeStyles(theme => ({
  stack: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  // A card is narrow: when a run started and how long it took share a column, each
  // on one line, so that the run's name keeps the room.
  timing: { whiteSpace: 'nowrap' },
}));

/** How long a run took (`took 10m 51s`), or has been running; nothing before it starts. */
function runTookText(run: MlopsPipelineRunSummary): string | undefined {
  const duration = runDuration(run);
  if (!duration) return undefined;
  const text = formatDuration(duration.seconds);
  return duration.running ? `running for ${text}` : `took ${text}`;
}

function RunTiming(props: { run: MlopsPipelineRunSummary }) {
  const took = runTookText(props.run);
  return (
    <>
      <RelativeTime value={props.run.startedAt ?? props.run.createdAt} />
      {took && (
        <Typography variant="caption" color="textSecondary" component="div">
          {took}
        </Typography>
      )}
    </>
  );
}

/** The model a run trains: a link to its entity when the pipeline knows it, else its label. */
function RunModel(props: { run: MlopsPipelineRunSummary; model?: Entity }) {
  if (props.model) {
    return <EntityRefLink entityRef={props.model} />;
  }
  return <>{props.run.modelName ?? '—'}</>;
}

function RecentRuns(props: {
  runs: MlopsPipelineRunSummary[];
  modelOf: (run: MlopsPipelineRunSummary) => Entity | undefined;
}) {
  const classes = useStyles();
  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">
        Recent runs, newest first
      </VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell>Status</TableCell>
          <TableCell>Run</TableCell>
          <TableCell>Model</TableCell>
          <TableCell>Started</TableCell>
          <TableCell>Tasks</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(run => (
          <TableRow key={run.name}>
            <TableCell>
              <RunStatusIndicator status={run.status} />
            </TableCell>
            <TableCell>{run.name}</TableCell>
            <TableCell>
              <RunModel run={run} model={props.modelOf(run)} />
            </TableCell>
            <TableCell className={classes.timing}>
              <RunTiming run={run} />
            </TableCell>
            <TableCell>
              <TaskProgressBar tasks={run.tasks} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WholeWordTable>
  );
}

function PipelineRuns(props: { entity: Entity; entityRef: MlopsEntityRef }) {
  const classes = useStyles();
  const training = useMlopsTraining(props.entityRef, { limit: RECENT_RUNS });
  // The models that depend on this pipeline, to link each run to the model it trains
  // (without them, e.g. while loading or when the catalog fails, runs show the label).
  const dependents = useRelatedEntities(props.entity, {
    type: RELATION_DEPENDENCY_OF,
    kind: 'component',
  });
  const pipelineCoordinates = readMlopsCoordinates(props.entity);
  const cluster = pipelineCoordinates.ok
    ? pipelineCoordinates.coordinates.cluster
    : undefined;
  const modelOf = useMemo(
    () => modelOfRunFinder(dependents.entities ?? [], cluster),
    [dependents.entities, cluster],
  );
  if (training.error) {
    return (
      <MlopsErrorPanel
        error={training.error}
        what="pipeline runs"
        onRetry={training.refresh}
      />
    );
  }
  if (!training.value) {
    return <Progress />;
  }
  const { pipelineRuns, freshness, notInstalled, trainingPipeline, namespace } =
    training.value;
  let content: ReactNode;
  if (pipelineRuns.items.length === 0) {
    const missing = notInstalled.find(n => n.resource === 'pipelineruns');
    content = (
      <EmptyState
        missing="data"
        title="No runs yet"
        description={
          missing
            ? `${missing.message}. Install Tekton Pipelines (OpenShift Pipelines) to run it.`
            : `Pipeline ${trainingPipeline} has not run in namespace ${namespace}. Its runs appear here once a model trains with it.`
        }
      />
    );
  } else {
    content = <RecentRuns runs={pipelineRuns.items} modelOf={modelOf} />;
  }
  return (
    <div className={classes.stack}>
      <FreshnessNotices freshness={freshness} notInstalled={notInstalled} />
      {content}
    </div>
  );
}

/**
 * The Overview card of an `ml-pipeline` entity: its most recent runs with
 * status, the model each trains (linked to the model's entity), start, duration and
 * task progress.
 *
 * @public
 */
export function EntityMlopsPipelineCard() {
  const { entity } = useEntity();
  return (
    <SectionCard title="Recent pipeline runs" variant="gridItem">
      {isMlopsAvailable(entity) ? (
        <PipelineRuns
          entity={entity}
          entityRef={getCompoundEntityRef(entity)}
        />
      ) : (
        <MissingAnnotationEmptyState annotation={MLOPS_ANNOTATION_NAMESPACE} />
      )}
    </SectionCard>
  );
}
