import type { MlopsConditionStatus } from './common';
import type { MlopsFreshness, MlopsNotInstalled } from './freshness';
import type { MlopsModelMetric } from './modelMetrics';
import type { MlopsRunStatus } from './runStatus';

/**
 * The annotation the training pipeline's promotion step writes on the
 * InferenceService: the PipelineRun whose candidate it serves. See the plugin
 * README, "Model lineage".
 *
 * @public
 */
export const MLOPS_SERVED_RUN_ANNOTATION = 'mlops.dev/served-run';

/**
 * The annotation the training pipeline's promotion step writes on the
 * InferenceService: the model version it serves (the candidate's directory on the
 * model volume, e.g. `anomaly-detector/candidates/<run>`). See the plugin README,
 * "Model lineage".
 *
 * @public
 */
export const MLOPS_SERVED_MODEL_VERSION_ANNOTATION =
  'mlops.dev/served-model-version';

/**
 * The source commit a model's image was built from (the Build's
 * `spec.revision.git`).
 *
 * @public
 */
export interface MlopsLineageCommit {
  /** The full commit id. */
  sha: string;
  message?: string;
  author?: string;
  /** The repository it was fetched from (the Build's `spec.source.git.uri`). */
  repository?: string;
  /** The commit's page in the repository's web UI, where the host is known. */
  url?: string;
}

/**
 * The S2I build that produced the image the model was trained on.
 *
 * @public
 */
export interface MlopsLineageBuild {
  name: string;
  status: MlopsRunStatus;
  /** The pushed image's digest (`status.output.to.imageDigest`). */
  imageDigest: string;
  completedAt?: string;
}

/**
 * The notebook validation job that trained the model (the notebook run by papermill
 * on the built image).
 *
 * @public
 */
export interface MlopsLineageValidationJob {
  name: string;
  status: MlopsRunStatus;
  /** The image it ran (`spec.podConfig.containerImage`). */
  image: string;
  /** The image's digest, when the image is named by digest. */
  imageDigest?: string;
  notebookPath: string;
  gitRef: string;
  completedAt?: string;
}

/**
 * The training run that produced the served model version.
 *
 * @public
 */
export interface MlopsLineageRun {
  name: string;
  status: MlopsRunStatus;
  startedAt?: string;
  completedAt?: string;
  metrics?: MlopsModelMetric[];
  /** When its promotion step finished rolling the model out (the deploy task's completion). */
  promotedAt?: string;
}

/**
 * What serves the model and since when.
 *
 * @public
 */
export interface MlopsLineageServing {
  inferenceService: string;
  /** The aggregate `Ready` condition's status. */
  ready: MlopsConditionStatus;
  /** The model version it serves ({@link MLOPS_SERVED_MODEL_VERSION_ANNOTATION}). */
  modelVersion?: string;
  storageUri?: string;
  /**
   * The predictor's revision that serves (`status.components.predictor.latestReadyRevision`,
   * Serverless mode); absent in RawDeployment mode, which has no revisions.
   */
  revision?: string;
  /**
   * Since when this model version serves: the later of the InferenceService's
   * `Ready` condition's `lastTransitionTime` (while Ready) and the run's promotion.
   */
  servingSince?: string;
  /** Which of the two `servingSince` is. */
  servingSinceFrom?: 'ready-condition' | 'promotion';
}

/**
 * One link of the lineage that could not be followed, and why.
 *
 * @public
 */
export interface MlopsLineageGap {
  /** The link that is missing. */
  step: 'run' | 'validation-job' | 'image' | 'build' | 'commit';
  reason: string;
}

/**
 * The lineage of the served model: source commit → S2I build and image → validation
 * job → training run → model version → the InferenceService serving it. Each step
 * is present when the platform's objects link it; `gaps` say where the chain breaks.
 *
 * @public
 */
export interface MlopsModelLineage {
  serving: MlopsLineageServing;
  run?: MlopsLineageRun;
  validationJob?: MlopsLineageValidationJob;
  build?: MlopsLineageBuild;
  commit?: MlopsLineageCommit;
  gaps: MlopsLineageGap[];
}

/**
 * Response of the lineage read API for one model entity.
 *
 * @public
 */
export interface MlopsModelLineageResponse {
  entityRef: string;
  cluster: string;
  namespace: string;
  modelName: string;
  freshness: MlopsFreshness[];
  notInstalled: MlopsNotInstalled[];
  /** Absent when the model names no InferenceService or it does not exist. */
  lineage?: MlopsModelLineage;
}
