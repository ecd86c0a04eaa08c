import type { MlopsCondition, MlopsConditionStatus } from './common';

/**
 * KServe's deployment modes under their current names. The legacy names are mapped:
 * `RawDeployment` → `Standard`, `Serverless` → `Knative`.
 *
 * @public
 */
export type MlopsDeploymentMode = 'Standard' | 'Knative' | 'ModelMesh';

/**
 * The condition that keeps an InferenceService from being Ready.
 *
 * @public
 */
export interface MlopsFailingCondition {
  /** e.g. `PredictorReady`, or `Ready` when no sub-condition says more. */
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
}

/**
 * The state of the model inside its server (`status.modelStatus`).
 *
 * @public
 */
export interface MlopsModelState {
  /** `Pending`, `Standby`, `Loading`, `Loaded` or `FailedToLoad`. */
  active?: string;
  /** The state being moved to, same values. */
  target?: string;
  /** `UpToDate`, `InProgress`, `BlockedByFailedLoad` or `InvalidSpec`. */
  transitionStatus?: string;
  lastFailure?: MlopsModelLoadFailure;
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
  createdAt: string;
}
