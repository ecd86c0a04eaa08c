import {
  EmptyState,
  InfoCard,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { MLOPS_ANNOTATION_INFERENCE_SERVICE } from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import { MlopsModelGate, type MlopsModelView } from '../MlopsModelGate';

function HealthView(props: { model: MlopsModelView }) {
  const { coordinates, clusterLabel } = props.model;
  const { inferenceService } = coordinates;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Where the model is served">
          <StructuredMetadataTable
            options={{ titleFormat: key => key }}
            metadata={{
              Cluster: clusterLabel,
              Namespace: coordinates.namespace,
              InferenceService: inferenceService ?? 'none',
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <EmptyState
          missing="data"
          title="No serving status yet"
          description={
            inferenceService
              ? `The status of InferenceService ${inferenceService} in namespace ${coordinates.namespace} will appear here.`
              : `Add the ${MLOPS_ANNOTATION_INFERENCE_SERVICE} annotation, naming the KServe InferenceService that serves this model, to see its serving status here.`
          }
        />
      </Grid>
    </Grid>
  );
}

/**
 * The Health tab of an `ml-model` entity: where the model is served (its
 * KServe InferenceService) and its serving status.
 *
 * @remarks
 * Must be rendered inside an entity page (it reads the entity with
 * `useEntity`). Shows the missing or invalid annotations, the backend's error,
 * and a warning when the model's cluster is not configured — never nothing.
 *
 * @public
 */
export function EntityMlopsHealthContent() {
  return (
    <MlopsModelGate>{model => <HealthView model={model} />}</MlopsModelGate>
  );
}
