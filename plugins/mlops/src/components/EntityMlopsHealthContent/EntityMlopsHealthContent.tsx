import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RestartServingButton, WorkbenchActions } from '../actions';
import { MlopsModelGate } from '../MlopsModelGate';
import { HealthView } from './HealthView';

/**
 * The Health tab of an `ml-model` entity: each KServe InferenceService that
 * serves the model (Ready and every condition, model state with the last load
 * failure, URLs, deployment mode, runtime, traffic), the latest health checks
 * of its training runs and their history, and its workbench.
 *
 * @remarks
 * Must be rendered inside an entity page (it reads the entity with
 * `useEntity`). Shows the missing or invalid annotations, the backend's error
 * (permission denied, unreachable cluster, …), stale cluster data and kinds
 * not installed on the cluster — never nothing.
 *
 * @public
 */
export function EntityMlopsHealthContent() {
  const { entity } = useEntity();
  const entityRef = getCompoundEntityRef(entity);
  return (
    <MlopsModelGate>
      {model => (
        <HealthView
          model={model}
          entityRef={entityRef}
          renderServingActions={name => (
            <RestartServingButton
              entityRef={entityRef}
              inferenceService={name}
            />
          )}
          renderWorkbenchActions={workbench => (
            <WorkbenchActions
              entityRef={entityRef}
              workbench={workbench.name}
              state={workbench.state}
            />
          )}
        />
      )}
    </MlopsModelGate>
  );
}
