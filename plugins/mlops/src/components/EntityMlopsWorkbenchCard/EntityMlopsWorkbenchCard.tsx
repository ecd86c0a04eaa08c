import { getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  MLOPS_ANNOTATION_WORKBENCH,
  readMlopsCoordinates,
  type MlopsModelCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { useMemo, type ReactNode } from 'react';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsHealth } from '../../hooks/useMlopsHealth';
import { useMlopsLiveUpdates } from '../../hooks/useMlopsLiveUpdates';
import { FreshnessNotices } from '../FreshnessNotices';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { AnnotationProblems } from '../MlopsModelGate';
import { SectionCard } from '../SectionCard';
import { WorkbenchActions } from '../actions';
import { WorkbenchSummary } from '../WorkbenchSummary';

const useStyles = makeStyles(theme => ({
  stack: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
}));

function WorkbenchBody(props: {
  entityRef: MlopsEntityRef;
  coordinates: MlopsModelCoordinates;
}) {
  const classes = useStyles();
  const health = useMlopsHealth(props.entityRef);
  useMlopsLiveUpdates(props.entityRef, health.refresh);
  const { coordinates } = props;
  if (health.error) {
    return (
      <MlopsErrorPanel
        error={health.error}
        what="workbench"
        onRetry={health.refresh}
      />
    );
  }
  if (!health.value) {
    return <Progress />;
  }
  const { workbench, freshness } = health.value;
  const missing = health.value.notInstalled.filter(
    n => n.resource === 'notebooks',
  );
  let content: ReactNode;
  if (workbench) {
    content = (
      <>
        <WorkbenchSummary workbench={workbench} />
        <div>
          <WorkbenchActions
            entityRef={props.entityRef}
            workbench={workbench.name}
            state={workbench.state}
          />
          {workbench.url && (
            <Button
              size="small"
              color="primary"
              href={workbench.url}
              target="_blank"
              rel="noopener noreferrer"
              endIcon={<OpenInNewIcon fontSize="small" />}
            >
              Open workbench
            </Button>
          )}
        </div>
      </>
    );
  } else {
    content = (
      <EmptyState
        missing="data"
        title={`Workbench ${coordinates.workbench} not found`}
        description={
          missing.length > 0
            ? `${missing[0].message}. Workbenches need OpenShift AI (kubeflow.org Notebooks).`
            : `No workbench of that name is in namespace ${coordinates.namespace}. Create it in OpenShift AI, or fix the ${MLOPS_ANNOTATION_WORKBENCH} annotation.`
        }
      />
    );
  }
  return (
    <div className={classes.stack}>
      <FreshnessNotices freshness={freshness} notInstalled={missing} />
      {content}
    </div>
  );
}

/**
 * The Overview card of an `ml-model` entity's workbench (a `kubeflow.org`
 * Notebook of OpenShift AI): its state, image, GPUs and why it is not running.
 *
 * @remarks
 * Reads the model's health (`GET …/health`); asks for the
 * `mlops.backstage.io/workbench` annotation when the model names no workbench.
 *
 * @public
 */
export function EntityMlopsWorkbenchCard() {
  const { entity } = useEntity();
  const coordinates = useMemo(() => readMlopsCoordinates(entity), [entity]);
  let body: ReactNode;
  if (!coordinates.ok) {
    body = <AnnotationProblems problems={coordinates.problems} />;
  } else if (!coordinates.coordinates.workbench) {
    body = (
      <MissingAnnotationEmptyState annotation={MLOPS_ANNOTATION_WORKBENCH} />
    );
  } else {
    body = (
      <WorkbenchBody
        entityRef={getCompoundEntityRef(entity)}
        coordinates={coordinates.coordinates}
      />
    );
  }
  return (
    <SectionCard title="Workbench" variant="gridItem">
      {body}
    </SectionCard>
  );
}
