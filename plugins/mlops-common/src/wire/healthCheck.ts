import type { MlopsNameValue } from './common';
import type { MlopsRunStatus } from './runStatus';

/**
 * The pipeline tasks of the training pipeline (ADR-053) whose results tell whether the
 * model is healthy: the check before deployment and the check of the live endpoint.
 *
 * @public
 */
export const MLOPS_HEALTH_CHECK_TASKS = [
  'health-check',
  'post-deployment-check',
] as const;

/**
 * One of {@link MLOPS_HEALTH_CHECK_TASKS}.
 *
 * @public
 */
export type MlopsHealthCheckTask = (typeof MLOPS_HEALTH_CHECK_TASKS)[number];

/**
 * The latest result of a health-check task of the training runs.
 *
 * @public
 */
export interface MlopsHealthCheckResult {
  /** The PipelineRun it belongs to. */
  pipelineRun: string;
  task: MlopsHealthCheckTask;
  status: MlopsRunStatus;
  completedAt?: string;
  /** The task's results, e.g. `model-health: healthy`, `endpoint-status: 200`. */
  results: MlopsNameValue[];
}
