import type { MlopsBuildSummary } from './build';
import type { MlopsFreshness, MlopsNotInstalled } from './freshness';
import type { MlopsPage } from './page';
import type { MlopsPipelineRunSummary } from './pipelineRun';
import type { MlopsValidationJobSummary } from './validationJob';

/**
 * Response of the training read API for one model entity: its training runs, notebook
 * validation jobs and image builds, each paginated newest first.
 *
 * @public
 */
export interface MlopsTrainingResponse {
  /** The entity asked about, e.g. `component:default/anomaly-detector`. */
  entityRef: string;
  cluster: string;
  namespace: string;
  /** The `model-name` label value. */
  modelName: string;
  /** The model's training Pipeline. */
  trainingPipeline: string;
  freshness: MlopsFreshness[];
  notInstalled: MlopsNotInstalled[];
  pipelineRuns: MlopsPage<MlopsPipelineRunSummary>;
  validationJobs: MlopsPage<MlopsValidationJobSummary>;
  builds: MlopsPage<MlopsBuildSummary>;
}
