/**
 * Pure functions that turn cached cluster objects into the wire types of
 * `@backstage-mlops/plugin-mlops-common`, and the list helpers of the read API.
 */
export { detectTrigger } from './trigger';
export {
  pipelineRunStatus,
  taskRunStatus,
  tektonRunStatus,
} from './tektonStatus';
export { toTaskRunSummary, toStepSummary } from './taskRun';
export { toPipelineRunSummary, taskRunsOf } from './pipelineRun';
export { validationJobStatus } from './validationStatus';
export { errorCategoryFromConditions } from './validationErrorCategory';
export { toValidationJobSummary } from './validationJob';
export {
  parseValidationResultsSummary,
  type ValidationResultsCell,
  type ValidationResultsSummary,
} from './validationResultsSummary';
export { buildStatus, toBuildSummary } from './build';
export { normalizeDeploymentMode } from './deploymentMode';
export { toInferenceServiceHealth } from './inferenceService';
export { healthCheckResults } from './healthChecks';
export { toWorkbenchState } from './workbench';
export { toPipelineParamSpecs } from './pipelineParams';
export { toModelSummary, type ModelSummaryInput } from './modelSummary';
export { paginate, type PaginateOptions } from './paginate';
export { filterByStatus } from './filterByStatus';
export { decodeCursor, encodeCursor } from './cursor';
export {
  newestFirst,
  type MlopsListItem,
  type MlopsSortKey,
} from './newestFirst';
