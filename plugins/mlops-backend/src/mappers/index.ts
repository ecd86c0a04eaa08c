/**
 * Pure functions that turn cached cluster objects into the wire types of
 * `@backstage-mlops/plugin-mlops-common`, and the list helpers of the read API. How a
 * status reads is the status vocabulary's (`@backstage-mlops/plugin-mlops-node`,
 * `status/`); these add names, times, triggers and params around its answers.
 */
export { detectTrigger } from './trigger';
export { toPipelineRunSummary } from './pipelineRun';
export { toValidationJobSummary } from './validationJob';
export {
  parseValidationResultsSummary,
  type ValidationResultsCell,
  type ValidationResultsSummary,
} from './validationResultsSummary';
export { toBuildSummary } from './build';
export { toInferenceServiceHealth } from './inferenceService';
export { healthCheckResults } from './healthChecks';
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
