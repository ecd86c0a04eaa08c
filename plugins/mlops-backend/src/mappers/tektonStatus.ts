import type { MlopsRunStatus } from '@backstage-mlops/plugin-mlops-common';
import type {
  SlimCondition,
  SlimPipelineRun,
  SlimTaskRun,
} from '@backstage-mlops/plugin-mlops-node';
import { findCondition } from './conditions';

/** `spec.status` values that ask a PipelineRun to stop. */
const PIPELINE_RUN_STOP_REQUESTS = new Set([
  'Cancelled',
  'CancelledRunFinally',
  'StoppedRunFinally',
  // v1beta1, before Tekton 0.25
  'PipelineRunCancelled',
]);

/** Reasons of a final (`False`) condition that are not plain failures. */
const FINAL_REASONS: Readonly<Record<string, MlopsRunStatus>> = {
  Cancelled: 'Cancelled',
  PipelineRunCancelled: 'Cancelled',
  TaskRunCancelled: 'Cancelled',
  PipelineRunTimeout: 'TimedOut',
  TaskRunTimeout: 'TimedOut',
};

/** Reasons of an `Unknown` condition while a run waits to start. */
const PENDING_REASONS = new Set([
  'PipelineRunPending',
  'TaskRunPending',
  'Pending',
  'ResolvingPipelineRef',
  'ResolvingTaskRef',
  'ExceededResourceQuota',
  'ExceededNodeResources',
]);

/** Reasons of an `Unknown` condition while a run stops on request. */
const STOPPING_REASONS = new Set([
  'PipelineRunStopping',
  'CancelledRunningFinally',
  'StoppedRunningFinally',
  'Cancelled',
]);

/**
 * The run status of a Tekton object from its `Succeeded` condition and whether its
 * `spec.status` asks it to stop or wait:
 *
 * - no condition yet: `Cancelling` when a stop was asked, else `Pending`;
 * - `True`: `Succeeded` (reasons `Succeeded` and `Completed`);
 * - `False`: `Cancelled` or `TimedOut` for those reasons, else `Failed`;
 * - `Unknown`: `Pending` for the waiting reasons, `Cancelling` for the stopping reasons
 *   or when a stop was asked, else `Running` (`Started`, `Running`, `ToBeRetried`,
 *   `PipelineRunTimeoutRunningFinally`, …);
 * - any other status: `Unknown`.
 *
 * @internal
 */
export function tektonRunStatus(
  succeeded: SlimCondition | undefined,
  stopRequested: boolean,
): MlopsRunStatus {
  if (!succeeded) {
    return stopRequested ? 'Cancelling' : 'Pending';
  }
  const reason = succeeded.reason ?? '';
  switch (succeeded.status) {
    case 'True':
      return 'Succeeded';
    case 'False':
      return Object.prototype.hasOwnProperty.call(FINAL_REASONS, reason)
        ? FINAL_REASONS[reason]
        : 'Failed';
    case 'Unknown':
      if (stopRequested || STOPPING_REASONS.has(reason)) {
        return 'Cancelling';
      }
      return PENDING_REASONS.has(reason) ? 'Pending' : 'Running';
    default:
      return 'Unknown';
  }
}

/**
 * The run status of a PipelineRun; see {@link tektonRunStatus}.
 *
 * @internal
 */
export function pipelineRunStatus(run: SlimPipelineRun): MlopsRunStatus {
  return tektonRunStatus(
    findCondition(run.status?.conditions, 'Succeeded'),
    PIPELINE_RUN_STOP_REQUESTS.has(run.spec?.status ?? ''),
  );
}

/**
 * The run status of a TaskRun; see {@link tektonRunStatus}.
 *
 * @internal
 */
export function taskRunStatus(taskRun: SlimTaskRun): MlopsRunStatus {
  return tektonRunStatus(
    findCondition(taskRun.status?.conditions, 'Succeeded'),
    taskRun.spec?.status === 'TaskRunCancelled',
  );
}
