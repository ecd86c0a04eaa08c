import { getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  isMlopsAvailable,
  MLOPS_ANNOTATION_NAMESPACE,
  type MlopsPipelineRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ReactNode } from 'react';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsTraining } from '../../hooks/useMlopsTraining';
import { FreshnessNotices } from '../FreshnessNotices';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { DurationText } from '../PipelineRunsTable';
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
}));

function RecentRuns(props: { runs: MlopsPipelineRunSummary[] }) {
  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">
        Recent runs, newest first
      </VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell>Status</TableCell>
          <TableCell>Run</TableCell>
          <TableCell>Started</TableCell>
          <TableCell>Duration</TableCell>
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
              <RelativeTime value={run.startedAt ?? run.createdAt} />
            </TableCell>
            <TableCell>
              <DurationText item={run} />
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

function PipelineRuns(props: { entityRef: MlopsEntityRef }) {
  const classes = useStyles();
  const training = useMlopsTraining(props.entityRef, { limit: RECENT_RUNS });
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
    content = <RecentRuns runs={pipelineRuns.items} />;
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
 * status, start, duration and task progress.
 *
 * @public
 */
export function EntityMlopsPipelineCard() {
  const { entity } = useEntity();
  return (
    <SectionCard title="Recent pipeline runs" variant="gridItem">
      {isMlopsAvailable(entity) ? (
        <PipelineRuns entityRef={getCompoundEntityRef(entity)} />
      ) : (
        <MissingAnnotationEmptyState annotation={MLOPS_ANNOTATION_NAMESPACE} />
      )}
    </SectionCard>
  );
}
