import {
  mlopsBuildStartPermission,
  mlopsNotebookValidatePermission,
  mlopsServingRestartPermission,
  mlopsWorkbenchManagePermission,
  type MlopsWorkbenchStateName,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsMutation } from '../../hooks/useMlopsMutation';
import { entityRefKey } from '../../lib/entityRefKey';
import { ConfirmedActionButton } from './ConfirmedActionButton';
import { PermittedButton } from './PermittedButton';

/**
 * "Start build": a new build of the model's BuildConfig (S2I), which bakes the
 * notebook's dependencies into the validation image.
 *
 * @internal
 */
export function StartBuildButton(props: {
  entityRef: MlopsEntityRef;
  buildConfig: string;
}) {
  const { run, running } = useMlopsMutation(props.entityRef);
  return (
    <PermittedButton
      permission={mlopsBuildStartPermission}
      resourceRef={entityRefKey(props.entityRef)}
      deniedWhat="start builds"
      busy={running !== undefined}
      onClick={() =>
        run(
          { action: 'start-build' },
          {
            what: `Starting a build of ${props.buildConfig}`,
            done: r => `Started build ${r.object.name}`,
          },
        )
      }
    >
      Start build
    </PermittedButton>
  );
}

/**
 * "Validate notebook": a new NotebookValidationJob copied from the model's newest
 * one (a finished job is never changed).
 *
 * @internal
 */
export function ValidateNotebookButton(props: {
  entityRef: MlopsEntityRef;
  hasJobs: boolean;
}) {
  const { run, running } = useMlopsMutation(props.entityRef);
  return (
    <PermittedButton
      permission={mlopsNotebookValidatePermission}
      resourceRef={entityRefKey(props.entityRef)}
      deniedWhat="validate notebooks"
      busy={running !== undefined}
      unavailable={
        props.hasJobs
          ? undefined
          : 'No validation job to copy yet: create the first one with the model (its template does).'
      }
      onClick={() =>
        run(
          { action: 'validate-notebook' },
          {
            what: 'Validating the notebook',
            done: r => `Started validation job ${r.object.name}`,
          },
        )
      }
    >
      Validate notebook
    </PermittedButton>
  );
}

/**
 * "Restart serving": rolls the InferenceService's predictor pods so it loads the
 * model again, after a confirmation.
 *
 * @internal
 */
export function RestartServingButton(props: {
  entityRef: MlopsEntityRef;
  inferenceService: string;
}) {
  const { run, running } = useMlopsMutation(props.entityRef);
  return (
    <ConfirmedActionButton
      permission={mlopsServingRestartPermission}
      resourceRef={entityRefKey(props.entityRef)}
      deniedWhat="restart serving"
      busy={running !== undefined}
      confirmTitle={`Restart ${props.inferenceService}?`}
      confirmLabel="Restart"
      consequences="Its predictor pods are replaced one by one and load the model from storage again. Requests may fail while no pod is ready."
      onConfirm={() =>
        run(
          { action: 'restart-serving' },
          {
            what: `Restarting ${props.inferenceService}`,
            done: () =>
              `Restarting ${props.inferenceService}: its predictor pods are replaced and load the model again`,
          },
        )
      }
    >
      Restart serving
    </ConfirmedActionButton>
  );
}

/**
 * Start or stop the workbench (OpenShift AI's `kubeflow-resource-stopped`
 * annotation); stopping asks first.
 *
 * @internal
 */
export function WorkbenchActions(props: {
  entityRef: MlopsEntityRef;
  workbench: string;
  state: MlopsWorkbenchStateName;
}) {
  const { run, running } = useMlopsMutation(props.entityRef);
  const stopped = props.state === 'Stopped' || props.state === 'Stopping';
  const resourceRef = entityRefKey(props.entityRef);
  if (stopped) {
    return (
      <PermittedButton
        permission={mlopsWorkbenchManagePermission}
        resourceRef={resourceRef}
        deniedWhat="manage workbenches"
        busy={running !== undefined}
        unavailable={
          props.state === 'Stopping' ? 'The workbench is stopping' : undefined
        }
        onClick={() =>
          run(
            { action: 'start-workbench' },
            {
              what: `Starting ${props.workbench}`,
              done: () => `Starting workbench ${props.workbench}`,
            },
          )
        }
      >
        Start workbench
      </PermittedButton>
    );
  }
  return (
    <ConfirmedActionButton
      permission={mlopsWorkbenchManagePermission}
      resourceRef={resourceRef}
      deniedWhat="manage workbenches"
      busy={running !== undefined}
      confirmTitle={`Stop ${props.workbench}?`}
      confirmLabel="Stop"
      consequences="Its notebook server shuts down; unsaved work in open notebooks is lost. Files on its volume stay."
      onConfirm={() =>
        run(
          { action: 'stop-workbench' },
          {
            what: `Stopping ${props.workbench}`,
            done: () => `Stopping workbench ${props.workbench}`,
          },
        )
      }
    >
      Stop workbench
    </ConfirmedActionButton>
  );
}
