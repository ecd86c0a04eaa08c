import type { MlopsFreshness, MlopsNotInstalled } from './freshness';
import type { MlopsRunStatus } from './runStatus';

/**
 * State of one step of a deployment's progress.
 *
 * @public
 */
export type MlopsServingStepState = 'done' | 'active' | 'failed' | 'pending';

/**
 * One step of an InferenceService deployment's progress, as OpenShift AI's dashboard
 * shows it (opendatahub-io/odh-dashboard
 * packages/model-serving/docs/deployment-status-inferenceservice.md, "Progress
 * Steps").
 *
 * @public
 */
export interface MlopsServingProgressStep {
  /** `requested`, `scheduled`, `downloaded`, `serverStarted`, `modelLoaded`, `ingressReady`, `ready`. */
  id: string;
  /** What the step says, e.g. `Model server started`, or its error form `Model server crashed`. */
  label: string;
  state: MlopsServingStepState;
  /** Why it failed or waits (a reason and message from the cluster). */
  detail?: string;
}

/**
 * A Kubernetes Event about the InferenceService or one of its predictor pods, with
 * repeats of the same event folded into one (counted).
 *
 * @public
 */
export interface MlopsServingEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** What it is about: `InferenceService` or `Pod`, its name, and the container if any. */
  object: { kind: string; name: string; container?: string };
  /** How many times it was recorded (at least 1). */
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** The component that recorded it, e.g. `kubelet`. */
  reporter?: string;
}

/**
 * How a container last ended.
 *
 * @public
 */
export interface MlopsContainerTermination {
  /** e.g. `Error`, `OOMKilled`, `Completed`. */
  reason?: string;
  exitCode?: number;
  finishedAt?: string;
  /** The termination message (with FallbackToLogsOnError, the log's tail). */
  message?: string;
}

/**
 * One pod of an InferenceService (predictor, transformer or explainer).
 *
 * @public
 */
export interface MlopsServingPod {
  name: string;
  /** `predictor`, `transformer` or `explainer` (KServe's `component` label), if set. */
  component?: string;
  /** The pod's phase: `Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`. */
  phase: string;
  /**
   * What `kubectl get pods` shows as STATUS when it is not the phase: the main
   * container's waiting or terminated reason (`CrashLoopBackOff`,
   * `ImagePullBackOff`, `OOMKilled`, …), or the pod's own reason (`Evicted`).
   */
  reason?: string;
  /** The message going with the reason. */
  message?: string;
  ready: boolean;
  /** Restarts of all its containers. */
  restarts: number;
  /** How the main container's previous run ended, once it has restarted. */
  lastTermination?: MlopsContainerTermination;
  /** The container whose state is shown and whose logs open first (`kserve-container`). */
  container: string;
  /** Every container, for the logs. */
  containers: string[];
  startedAt?: string;
}

/**
 * The last model-drift alert that started a retraining: when the alert fired (its
 * retraining run was created by the alert's EventListener) and that run.
 *
 * @public
 */
export interface MlopsDriftRetraining {
  firedAt: string;
  /** The EventListener and trigger, e.g. `iris-drift/drift-alert`, when known. */
  via?: string;
  run: { name: string; status: MlopsRunStatus };
}

/**
 * Response of the serving diagnosis read for one model entity: the progress of its
 * InferenceService's deployment, the Events of the service and its pods (warnings
 * first, newest first, repeats folded), its pods, and the last drift retraining.
 *
 * @public
 */
export interface MlopsServingDiagnosisResponse {
  entityRef: string;
  cluster: string;
  namespace: string;
  freshness: MlopsFreshness[];
  notInstalled: MlopsNotInstalled[];
  /** Absent when the model names no InferenceService or it does not exist. */
  inferenceService?: string;
  /** `RawDeployment` or `Serverless`, as the service's status says. */
  deploymentMode?: string;
  progress: MlopsServingProgressStep[];
  events: MlopsServingEvent[];
  pods: MlopsServingPod[];
  /** Absent when no drift alert has started a training run. */
  drift?: MlopsDriftRetraining;
}
