import {
  MLOPS_WORKBENCH_STOPPED_ANNOTATION,
  type MlopsWorkbenchState,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimWorkbench, SlimWorkbenchCondition } from '../kinds/workbench';
import { findCondition } from './conditions';
import { validTime } from './time';

// How a Kubeflow Notebook (OpenShift AI workbench) status reads. The notebook
// controller (kubeflow/notebooks and OpenShift AI's fork opendatahub-io/kubeflow:
// components/notebook-controller/controllers/notebook_controller.go,
// createNotebookStatus) rebuilds it on every reconcile: readyReplicas from the
// StatefulSet, the state of the container named like the Notebook, and the pod's
// conditions mirrored one for one; without a pod, no conditions and no state.

/**
 * Value the OpenShift AI notebook controller gives `kubeflow-resource-stopped` while
 * it holds a new workbench back until its auth proxy is set up: the workbench is
 * starting, not stopped.
 */
const CONTROLLER_LOCK = 'odh-notebook-controller-lock';

/** Waiting reasons of a container that cannot run without a change. */
const FAILED_WAITING_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

function text(reason?: string, message?: string): string | undefined {
  if (reason && message) {
    return `${reason}: ${message}`;
  }
  return reason || message || undefined;
}

function withMessage(
  state: MlopsWorkbenchState,
  message: string | undefined,
): MlopsWorkbenchState {
  return message ? { ...state, message } : state;
}

/**
 * What the mirrored pod conditions say when the container state does not: a False
 * `PodScheduled` (e.g. no node with a free GPU) or `Ready` says why it waits.
 */
function fromConditions(
  base: MlopsWorkbenchState,
  conditions: SlimWorkbenchCondition[],
): MlopsWorkbenchState | undefined {
  const scheduled = findCondition(conditions, 'PodScheduled');
  if (scheduled?.status === 'False') {
    return withMessage(
      { ...base, state: 'Starting' },
      text(scheduled.reason, scheduled.message),
    );
  }
  const ready = findCondition(conditions, 'Ready');
  if (ready?.status === 'False') {
    return withMessage(
      { ...base, state: 'Starting' },
      text(ready.reason, ready.message),
    );
  }
  return ready ? { ...base, state: 'Starting' } : undefined;
}

/**
 * The state of a workbench (`kubeflow.org/v1` Notebook):
 *
 * - with `kubeflow-resource-stopped`: `Stopping` while a replica is still ready or its
 *   container runs, else `Stopped` (since the annotation's time); the notebook
 *   controller's lock value means `Starting`;
 * - otherwise: `Failed` when the container waits for a reason that needs a change
 *   (crash loop, image pull error, …) or has terminated; `Running` when a replica is
 *   ready; `Starting` while the container is created or not ready yet; else what the
 *   conditions say (see `fromConditions`); without any status, `Starting`, as the
 *   controller has not reported yet.
 *
 * @public
 */
export function readWorkbench(notebook: SlimWorkbench): MlopsWorkbenchState {
  const { metadata, spec, status } = notebook;
  const base: MlopsWorkbenchState = {
    name: metadata.name,
    state: 'Unknown',
    gpu: typeof spec?.gpu === 'number' && spec.gpu > 0 ? spec.gpu : 0,
  };
  if (spec?.image) {
    base.image = spec.image;
  }
  const readyReplicas = status?.readyReplicas ?? 0;
  const container = status?.containerState;
  const stopped = metadata.annotations?.[MLOPS_WORKBENCH_STOPPED_ANNOTATION];

  if (stopped !== undefined && stopped !== CONTROLLER_LOCK) {
    if (readyReplicas > 0 || container?.running) {
      return { ...base, state: 'Stopping' };
    }
    const stoppedAt = validTime(stopped);
    return stoppedAt
      ? { ...base, state: 'Stopped', stoppedAt }
      : { ...base, state: 'Stopped' };
  }
  if (stopped === CONTROLLER_LOCK) {
    return withMessage(
      { ...base, state: 'Starting' },
      'Waiting for the notebook controller to set up access',
    );
  }

  const waiting = container?.waiting;
  if (waiting?.reason && FAILED_WAITING_REASONS.has(waiting.reason)) {
    return withMessage(
      { ...base, state: 'Failed' },
      text(waiting.reason, waiting.message),
    );
  }
  if (container?.terminated) {
    const { reason, message, exitCode } = container.terminated;
    return withMessage(
      { ...base, state: 'Failed' },
      text(
        reason ??
          (exitCode !== undefined ? `Exit code ${exitCode}` : undefined),
        message,
      ),
    );
  }
  if (readyReplicas > 0) {
    return { ...base, state: 'Running' };
  }
  if (waiting || container?.running) {
    return withMessage(
      { ...base, state: 'Starting' },
      text(waiting?.reason, waiting?.message),
    );
  }
  const fromConds = fromConditions(base, status?.conditions ?? []);
  if (fromConds) {
    return fromConds;
  }
  return withMessage(
    { ...base, state: 'Starting' },
    'Waiting for the notebook controller to report a status',
  );
}
