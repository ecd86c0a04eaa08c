import type { MlopsCondition, MlopsConditionStatus } from './common';

/**
 * KServe's deployment modes under their current names. The legacy names are mapped:
 * `RawDeployment` → `Standard`, `Serverless` → `Knative`.
 *
 * @public
 */
export type MlopsDeploymentMode = 'Standard' | 'Knative' | 'ModelMesh';

/**
 * The condition that keeps an InferenceService from being Ready: the cause, chosen by
 * what each condition means (a component's or its revision's failure before the
 * ingress or route that waits for it), not by its place in the list.
 *
 * @public
 */
export interface MlopsFailingCondition {
  /** e.g. `PredictorReady`, `PredictorConfigurationReady`, or `Ready` when no sub-condition says more. */
  type: string;
  reason?: string;
  message?: string;
}

/**
 * The last failure to load the model (`status.modelStatus.lastFailureInfo`).
 *
 * @public
 */
export interface MlopsModelLoadFailure {
  /** e.g. `ModelLoadFailed`, `RuntimeUnhealthy`, `NoSupportingRuntime`. */
  reason?: string;
  message?: string;
  /** When it failed (ISO 8601). */
  time?: string;
  /** Where it failed, e.g. the pod name. */
  location?: string;
  exitCode?: number;
  /** The model revision that failed (`modelRevisionName`). */
  modelRevision?: string;
}

/**
 * The model's state in its server as backstage-mlops reads it.
 *
 * @public
 */
export type MlopsModelStateName =
  | 'Loaded'
  | 'Loading'
  | 'Pending'
  | 'Standby'
  | 'FailedToLoad'
  | 'Unknown';

/**
 * The state of the model inside its server (`status.modelStatus`).
 *
 * @public
 */
export interface MlopsModelState {
  /**
   * The state to show: the model being loaded (KServe's target) while a load is under
   * way or has failed, else the one that serves. `FailedToLoad` when the newest model
   * failed to load, even while an older one still serves.
   */
  state?: MlopsModelStateName;
  /** The failure of the newest load, when it failed; see {@link MlopsModelLoadFailure}. */
  loadFailure?: MlopsModelLoadFailure;
  /** True when an older model still serves while the newest failed to load. */
  previousStillServes?: boolean;
  /** KServe's `activeModelState` as written (`""` when no model ever loaded). */
  active?: string;
  /** KServe's `targetModelState` as written: where a failed load is recorded. */
  target?: string;
  /** `UpToDate`, `InProgress`, `BlockedByFailedLoad` or `InvalidSpec`. */
  transitionStatus?: string;
  /** KServe's `lastFailureInfo` as written. */
  lastFailure?: MlopsModelLoadFailure;
}

/**
 * The Knative revisions of an InferenceService's predictor (Serverless mode).
 *
 * @public
 */
export interface MlopsRevisions {
  latestReady?: string;
  latestCreated?: string;
  latestRolledOut?: string;
  previousRolledOut?: string;
}

/**
 * A share of an InferenceService's traffic (Knative mode only).
 *
 * @public
 */
export interface MlopsTrafficTarget {
  revision?: string;
  percent?: number;
  tag?: string;
  /** True when this target follows the latest ready revision. */
  latest?: boolean;
}

/**
 * The health of one KServe InferenceService.
 *
 * @public
 */
export interface MlopsInferenceServiceHealth {
  name: string;
  /** Status of the aggregate `Ready` condition; `Unknown` when absent. */
  ready: MlopsConditionStatus;
  /** Why it is not Ready; absent when Ready. */
  failingCondition?: MlopsFailingCondition;
  /** Every condition, `Ready` first. */
  conditions: MlopsCondition[];
  /** External URL. */
  url?: string;
  /** Cluster-internal address. */
  internalUrl?: string;
  /** The deployment mode, under its current name. */
  deploymentMode?: MlopsDeploymentMode;
  /** The deployment mode as written on the cluster, e.g. `RawDeployment`. */
  deploymentModeName?: string;
  /** The ServingRuntime (or ClusterServingRuntime) serving the model. */
  runtime?: string;
  /** The model format, e.g. `sklearn`. */
  modelFormat?: string;
  storageUri?: string;
  modelState?: MlopsModelState;
  traffic: MlopsTrafficTarget[];
  /** The predictor's Knative revisions (Serverless mode). */
  revisions?: MlopsRevisions;
  /** True when the InferenceService is stopped (`serving.kserve.io/stop`). */
  stopped?: boolean;
  createdAt: string;
}
