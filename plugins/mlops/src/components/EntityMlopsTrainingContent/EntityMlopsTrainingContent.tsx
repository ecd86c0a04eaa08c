import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  RunRowActions,
  RunTrainingButton,
  StartBuildButton,
  ValidateNotebookButton,
} from '../actions';
import { BuildLogButton, StepLogButtons } from '../LogDialog';
import { MlopsModelGate } from '../MlopsModelGate';
import { TrainingView } from './TrainingView';

/**
 * The Training tab of an `ml-model` entity: a chart of the last runs, the
 * training PipelineRuns (status filter, pages, tasks and steps), the notebook
 * validation jobs with per-cell results and fix hints, the image builds, and
 * where the model trains.
 *
 * @remarks
 * Must be rendered inside an entity page (it reads the entity with
 * `useEntity`). Shows the missing or invalid annotations, the backend's error
 * (permission denied, unreachable cluster, …), stale cluster data and kinds
 * not installed on the cluster — never nothing.
 *
 * @public
 */
export function EntityMlopsTrainingContent() {
  const { entity } = useEntity();
  const entityRef = getCompoundEntityRef(entity);
  return (
    <MlopsModelGate>
      {model => {
        const pipeline = model.coordinates.trainingPipeline;
        const buildConfig = model.coordinates.buildConfig;
        return (
          <TrainingView
            model={model}
            entityRef={entityRef}
            trainingActions={
              <RunTrainingButton entityRef={entityRef} pipeline={pipeline} />
            }
            renderRunActions={run => (
              <RunRowActions
                entityRef={entityRef}
                pipeline={pipeline}
                run={run}
              />
            )}
            renderTaskActions={(_run, task) => (
              <StepLogButtons entityRef={entityRef} task={task} />
            )}
            renderBuildActions={build => (
              <BuildLogButton entityRef={entityRef} build={build} />
            )}
            renderValidationActions={hasJobs => (
              <ValidateNotebookButton entityRef={entityRef} hasJobs={hasJobs} />
            )}
            buildActions={
              buildConfig && (
                <StartBuildButton
                  entityRef={entityRef}
                  buildConfig={buildConfig}
                />
              )
            }
          />
        );
      }}
    </MlopsModelGate>
  );
}
