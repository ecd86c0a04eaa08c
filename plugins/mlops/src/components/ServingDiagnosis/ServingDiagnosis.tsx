import { EmptyState, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsLiveUpdates } from '../../hooks/useMlopsLiveUpdates';
import { useMlopsServingDiagnosis } from '../../hooks/useMlopsServingDiagnosis';
import { FreshnessNotices } from '../FreshnessNotices';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { SectionCard } from '../SectionCard';
import { DriftRetraining } from './DriftRetraining';
import { ServingEventsTable } from './ServingEventsTable';
import { ServingPodsTable } from './ServingPodsTable';
import { ServingProgressSteps } from './ServingProgressSteps';

/**
 * Props of {@link ServingDiagnosis}.
 *
 * @internal
 */
export interface ServingDiagnosisProps {
  entityRef: MlopsEntityRef;
}

/**
 * The serving diagnosis of the Health tab, as items of its grid: the deployment's progress steps, the
 * InferenceService's pods (status, restarts, last termination, logs), the Events of
 * the service and its pods, and when the drift alert last started a retraining.
 *
 * @internal
 */
export function ServingDiagnosis(props: ServingDiagnosisProps) {
  const diagnosis = useMlopsServingDiagnosis(props.entityRef);
  useMlopsLiveUpdates(props.entityRef, diagnosis.refresh);

  let body: ReactNode;
  if (diagnosis.error) {
    body = (
      <Grid item xs={12}>
        <MlopsErrorPanel
          error={diagnosis.error}
          what="serving diagnosis"
          onRetry={diagnosis.refresh}
        />
      </Grid>
    );
  } else if (!diagnosis.value) {
    body = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else {
    const value = diagnosis.value;
    body = (
      <>
        {value.notInstalled.length > 0 && (
          <Grid item xs={12}>
            <FreshnessNotices
              freshness={[]}
              notInstalled={value.notInstalled}
            />
          </Grid>
        )}
        {value.inferenceService && (
          <Grid item xs={12}>
            <SectionCard
              title="Serving diagnosis"
              subheader={`InferenceService ${value.inferenceService}${
                value.deploymentMode ? ` (${value.deploymentMode})` : ''
              }`}
              onRefresh={diagnosis.refresh}
            >
              <Typography variant="h6" component="h3">
                Deployment progress
              </Typography>
              <ServingProgressSteps steps={value.progress} />
              <Box mt={2}>
                <Typography variant="h6" component="h3">
                  Pods
                </Typography>
                {value.pods.length === 0 ? (
                  <Typography variant="body2">
                    No pods of the InferenceService in namespace{' '}
                    {value.namespace}.
                  </Typography>
                ) : (
                  <ServingPodsTable
                    entityRef={props.entityRef}
                    pods={value.pods}
                  />
                )}
              </Box>
              <Box mt={2}>
                <Typography variant="h6" component="h3">
                  Events
                </Typography>
                {value.events.length === 0 ? (
                  <EmptyState
                    missing="data"
                    title="No events"
                    description="Kubernetes keeps Events for an hour: none of the InferenceService or its pods is recent."
                  />
                ) : (
                  <ServingEventsTable events={value.events} />
                )}
              </Box>
            </SectionCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <SectionCard title="Drift">
            <DriftRetraining drift={value.drift} />
          </SectionCard>
        </Grid>
      </>
    );
  }
  return <>{body}</>;
}
