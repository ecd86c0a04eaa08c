import type { MlopsParamValue } from '@backstage-mlops/plugin-mlops-common';

/**
 * What every cluster write needs: where, who asked, and whether only to validate.
 *
 * @public
 */
export interface MlopsClusterWriteBase {
  /** The configured cluster name. */
  cluster: string;
  /** The namespace of the model's objects. */
  namespace: string;
  /**
   * Who asked, as an entity ref (`user:default/jdoe`) or a service subject; recorded on
   * what the write creates or changes.
   */
  triggeredBy: string;
  /** Server-side dry run: the cluster validates and admits, nothing is stored. */
  dryRun?: boolean;
}

/**
 * A param value as a caller may give it: booleans and numbers become strings.
 *
 * @public
 */
export type MlopsGivenParamValue = MlopsParamValue | boolean | number;

/**
 * Starts a training PipelineRun of a model's Pipeline.
 *
 * @public
 */
export interface MlopsRunTrainingOptions extends MlopsClusterWriteBase {
  /** The model's `model-name` label value (and the `model-name` param). */
  modelName: string;
  /** The Tekton Pipeline that trains the model. */
  pipeline: string;
  /** The model's InferenceService: the default of `inference-service-name`. */
  inferenceService?: string;
  /** Param values by name; validated against the Pipeline's declared params. */
  params?: Record<string, MlopsGivenParamValue>;
  /**
   * The ServiceAccount the run's TaskRuns use; default the model's previous run's,
   * else `pipeline` (ADR-053).
   */
  serviceAccountName?: string;
  /**
   * A PersistentVolumeClaim per workspace the Pipeline declares, e.g.
   * `{ 'model-storage': 'my-model-models' }`; default the previous run's bindings,
   * else `model-storage` → `model-storage-pvc`.
   */
  workspaceClaims?: Record<string, string>;
}

/**
 * Starts a new PipelineRun with the params of an earlier run of the model.
 *
 * @public
 */
export interface MlopsRerunTrainingOptions extends MlopsClusterWriteBase {
  modelName: string;
  /** The earlier run; it must carry the model's `model-name` label. */
  runName: string;
  /** Params to change; the others keep the earlier run's values. */
  params?: Record<string, MlopsGivenParamValue>;
}

/**
 * Cancels a running PipelineRun of the model.
 *
 * @public
 */
export interface MlopsCancelTrainingOptions extends MlopsClusterWriteBase {
  modelName: string;
  runName: string;
  /** `Cancelled` (default) or `CancelledRunFinally` (run the finally tasks). */
  mode?: 'Cancelled' | 'CancelledRunFinally';
}

/**
 * Starts a build of a BuildConfig (`instantiate`).
 *
 * @public
 */
export interface MlopsStartBuildOptions extends MlopsClusterWriteBase {
  buildConfig: string;
}

/**
 * Creates a new NotebookValidationJob for a model, copied from an earlier one.
 *
 * @public
 */
export interface MlopsValidateNotebookOptions extends MlopsClusterWriteBase {
  modelName: string;
  /** The job to copy (it must carry the model's label); default the model's newest. */
  from?: string;
  /** The spec to use when the model has no job yet (e.g. from a template). */
  templateSpec?: Record<string, unknown>;
  /** Validate this git ref instead of the copied job's. */
  gitRef?: string;
}

/**
 * Rolls the predictor pods of an InferenceService.
 *
 * @public
 */
export interface MlopsRestartServingOptions extends MlopsClusterWriteBase {
  inferenceService: string;
}

/**
 * Starts or stops a `kubeflow.org/v1` Notebook (workbench).
 *
 * @public
 */
export interface MlopsWorkbenchOptions extends MlopsClusterWriteBase {
  workbench: string;
}

/**
 * What a cluster write did.
 *
 * @public
 */
export interface MlopsClusterWriteResult {
  /** The kind of the object created or changed. */
  kind:
    | 'PipelineRun'
    | 'Build'
    | 'NotebookValidationJob'
    | 'InferenceService'
    | 'Notebook';
  namespace: string;
  /** Empty on a dry run of a create with a generated name. */
  name: string;
  dryRun: boolean;
  /** False when the object already was in the asked state. */
  changed: boolean;
  /** The params of a created PipelineRun. */
  params?: Array<{ name: string; value: MlopsParamValue }>;
}
