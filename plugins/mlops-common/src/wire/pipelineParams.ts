import type { MlopsParamValue } from './common';

/**
 * A param the training Pipeline declares, as the Run training dialog shows it.
 *
 * @public
 */
export interface MlopsPipelineParamSpec {
  name: string;
  /** Tekton's param type; `string` when the Pipeline does not say. */
  type: 'string' | 'array' | 'object';
  description?: string;
  /** The Pipeline's default, when it declares one. */
  default?: MlopsParamValue;
  /** The values allowed, when the Pipeline (or ADR-053) restricts them. */
  enum?: string[];
  /**
   * The value the backend sets from the model's entity (`model-name`, and
   * `inference-service-name` when the entity names its InferenceService).
   */
  fromModel?: string;
  /** True when a run needs a value for it: no default and no value from the model. */
  required: boolean;
}

/**
 * Answer of `GET /api/mlops/entity/:kind/:namespace/:name/training/pipeline-params`:
 * the params the model's training Pipeline declares, in declared order.
 *
 * @public
 */
export interface MlopsTrainingPipelineParamsResponse {
  entityRef: string;
  cluster: string;
  namespace: string;
  /** The training Pipeline's name. */
  pipeline: string;
  params: MlopsPipelineParamSpec[];
}
