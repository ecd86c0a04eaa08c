import {
  EmptyState,
  InfoCard,
  StructuredMetadataTable,
} from '@backstage/core-components';
import {
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_MODEL_NAME_LABEL,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import { MlopsModelGate, type MlopsModelView } from '../MlopsModelGate';

function TrainingView(props: { model: MlopsModelView }) {
  const { coordinates, clusterLabel } = props.model;
  const label = `${MLOPS_MODEL_NAME_LABEL}=${coordinates.modelName}`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Where training runs">
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
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <EmptyState
          missing="data"
          title="No training runs to show yet"
          description={`Training PipelineRuns of pipeline ${coordinates.trainingPipeline} labelled ${label} in namespace ${coordinates.namespace} will appear here.`}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The Training tab of an `ml-model` entity: where the model trains (cluster,
 * namespace, `model-name` label, pipeline, BuildConfig) and its training runs.
 *
 * @remarks
 * Must be rendered inside an entity page (it reads the entity with
 * `useEntity`). Shows the missing or invalid annotations, the backend's error,
 * and a warning when the model's cluster is not configured — never nothing.
 *
 * @public
 */
export function EntityMlopsTrainingContent() {
  return (
    <MlopsModelGate>{model => <TrainingView model={model} />}</MlopsModelGate>
  );
}
