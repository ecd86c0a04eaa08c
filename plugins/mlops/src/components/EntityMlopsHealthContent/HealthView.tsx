import {
  EmptyState,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import {
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  MLOPS_ANNOTATION_WORKBENCH,
  type MlopsModelHealthResponse,
  type MlopsWorkbenchState,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import type { ReactNode } from 'react';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsHealth } from '../../hooks/useMlopsHealth';
import { useMlopsLiveUpdates } from '../../hooks/useMlopsLiveUpdates';
import { useMlopsTraining } from '../../hooks/useMlopsTraining';
import { FreshnessNotices } from '../FreshnessNotices';
import { HealthChecksTable } from '../HealthChecksTable';
import { HealthHistoryChart } from '../HealthHistoryChart';
import { InferenceServiceCard } from '../InferenceServiceCard';
import { LiveStatus } from '../LiveStatus';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { ModelLineageSection } from '../ModelLineage';
import type { MlopsModelView } from '../MlopsModelGate';
import { SectionCard } from '../SectionCard';
import { ServingMetricsCard } from '../ServingMetricsCard';
import { ServingDiagnosis } from '../ServingDiagnosis';
import { WorkbenchSummary } from '../WorkbenchSummary';

/** Training runs read for the health history (the backend's largest page). */
const HISTORY_RUNS = 50;

function ServingEmptyState(props: {
  model: MlopsModelView;
  health: MlopsModelHealthResponse;
}) {
  const { coordinates } = props.model;
  const kserveMissing = props.health.notInstalled.find(
    n => n.resource === 'inferenceservices',
  );
  let description: string;
  if (kserveMissing) {
    description = `${kserveMissing.message}. Install KServe (OpenShift AI model serving) on the cluster to serve the model.`;
  } else if (coordinates.inferenceService) {
    description = `InferenceService ${coordinates.inferenceService} does not exist in namespace ${coordinates.namespace}. Deploy the model, or fix the ${MLOPS_ANNOTATION_INFERENCE_SERVICE} annotation.`;
  } else {
    description = `Add the ${MLOPS_ANNOTATION_INFERENCE_SERVICE} annotation, naming the KServe InferenceService that serves this model, to see its serving status here.`;
  }
  return (
    <EmptyState
      missing="data"
      title="The model is not served"
      description={description}
    />
  );
}

function HealthHistory(props: { entityRef: MlopsEntityRef }) {
  const training = useMlopsTraining(props.entityRef, { limit: HISTORY_RUNS });
  useMlopsLiveUpdates(props.entityRef, training.refresh);
  let body: ReactNode;
  if (training.error) {
    body = (
      <MlopsErrorPanel
        error={training.error}
        what="training runs of the health history"
        onRetry={training.refresh}
      />
    );
  } else if (!training.value) {
    body = <Progress />;
  } else {
    body = <HealthHistoryChart runs={training.value.pipelineRuns.items} />;
  }
  return (
    <SectionCard
      title="Health history"
      subheader={`Health-check tasks of the last ${HISTORY_RUNS} training runs`}
    >
      {body}
    </SectionCard>
  );
}

/**
 * Props of {@link HealthView}.
 *
 * @internal
 */
export interface HealthViewProps {
  model: MlopsModelView;
  entityRef: MlopsEntityRef;
  /** Header actions of each InferenceService card, e.g. "Restart serving". */
  renderServingActions?: (name: string) => ReactNode;
  /** Header actions of the workbench card, e.g. start and stop. */
  renderWorkbenchActions?: (workbench: MlopsWorkbenchState) => ReactNode;
}

/**
 * The body of the Health tab once the model's coordinates are known: each
 * InferenceService as a card, the latest health checks, their history, the
 * workbench, and where the model is served.
 *
 * @internal
 */
export function HealthView(props: HealthViewProps) {
  const { model, entityRef } = props;
  const { coordinates, clusterLabel } = model;
  const health = useMlopsHealth(entityRef);
  const liveStatus = useMlopsLiveUpdates(entityRef, health.refresh);

  const where = (
    <SectionCard title="Where the model is served">
      <StructuredMetadataTable
        options={{ titleFormat: key => key }}
        metadata={{
          Cluster: clusterLabel,
          Namespace: coordinates.namespace,
          InferenceService: coordinates.inferenceService ?? 'none',
          Workbench: coordinates.workbench ?? 'none',
        }}
      />
    </SectionCard>
  );

  let body: ReactNode;
  if (health.error) {
    body = (
      <Grid item xs={12}>
        <MlopsErrorPanel
          error={health.error}
          what="serving health"
          onRetry={health.refresh}
        />
      </Grid>
    );
  } else if (!health.value) {
    body = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else {
    const value = health.value;
    body = (
      <>
        {(value.freshness.length > 0 || value.notInstalled.length > 0) && (
          <Grid item xs={12}>
            <FreshnessNotices
              freshness={value.freshness}
              notInstalled={value.notInstalled}
            />
          </Grid>
        )}
        {value.inferenceServices.length === 0 ? (
          <Grid item xs={12}>
            <ServingEmptyState model={model} health={value} />
          </Grid>
        ) : (
          value.inferenceServices.map(service => (
            <Grid item xs={12} key={service.name}>
              <InferenceServiceCard
                service={service}
                onRefresh={health.refresh}
                action={props.renderServingActions?.(service.name)}
              />
            </Grid>
          ))
        )}
        {/* When serving breaks: its progress, pods, Events and logs, under the service. */}
        <ServingDiagnosis entityRef={entityRef} />
        <ModelLineageSection entityRef={entityRef} readAgainOn={value} />
        {value.inferenceServices.length > 0 && (
          <Grid item xs={12}>
            <ServingMetricsCard entityRef={entityRef} />
          </Grid>
        )}
        {/* Full width: five columns and the check's results need the room. */}
        <Grid item xs={12}>
          <SectionCard title="Latest health checks">
            {value.healthChecks.length === 0 ? (
              <EmptyState
                missing="data"
                title="No health checks yet"
                description={`The health-check and post-deployment-check tasks of the training pipeline ${coordinates.trainingPipeline} report here once a run has reached them.`}
              />
            ) : (
              <HealthChecksTable checks={value.healthChecks} />
            )}
          </SectionCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <HealthHistory entityRef={entityRef} />
        </Grid>
        {value.workbench ? (
          <Grid item xs={12} md={6}>
            <SectionCard
              title="Workbench"
              action={props.renderWorkbenchActions?.(value.workbench)}
            >
              <WorkbenchSummary workbench={value.workbench} />
            </SectionCard>
          </Grid>
        ) : (
          coordinates.workbench && (
            <Grid item xs={12} md={6}>
              <SectionCard title="Workbench">
                <EmptyState
                  missing="data"
                  title={`Workbench ${coordinates.workbench} not found`}
                  description={`No workbench (kubeflow.org Notebook) of that name is in namespace ${coordinates.namespace}. Create it in OpenShift AI, or fix the ${MLOPS_ANNOTATION_WORKBENCH} annotation.`}
                />
              </SectionCard>
            </Grid>
          )
        )}
      </>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} container justifyContent="flex-end">
        <LiveStatus status={liveStatus} />
      </Grid>
      {body}
      <Grid item xs={12}>
        {where}
      </Grid>
    </Grid>
  );
}
