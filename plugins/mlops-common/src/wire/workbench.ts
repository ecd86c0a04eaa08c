/**
 * The state of a workbench.
 *
 * - `Running`: the notebook server is up and ready.
 * - `Starting`: it is being started (pod scheduled, image pulling, not ready yet).
 * - `Stopped`: it is stopped (annotation `kubeflow-resource-stopped`).
 * - `Stopping`: it was asked to stop and its pod is still there.
 * - `Failed`: its container cannot run (crash loop, image pull error, …).
 * - `Unknown`: the state cannot be read.
 *
 * @public
 */
export type MlopsWorkbenchStateName =
  | 'Running'
  | 'Starting'
  | 'Stopped'
  | 'Stopping'
  | 'Failed'
  | 'Unknown';

/**
 * A workbench (a `kubeflow.org/v1` Notebook of OpenShift AI).
 *
 * @public
 */
export interface MlopsWorkbenchState {
  name: string;
  state: MlopsWorkbenchStateName;
  /** The workbench container's image. */
  image?: string;
  /** GPUs requested (`nvidia.com/gpu`), 0 when none. */
  gpu: number;
  /** When it was stopped (ISO 8601), while stopped. */
  stoppedAt?: string;
  /** Why it is not running, e.g. `ImagePullBackOff: …`. */
  message?: string;
  /**
   * Where to open it (e.g. the OpenShift AI dashboard), when the backend has a
   * `workbenchUrlTemplate` for its cluster.
   */
  url?: string;
}
