import type {
  MlopsErrorCategory,
  MlopsFailingCondition,
} from '@backstage-mlops/plugin-mlops-common';
import {
  findCondition,
  readInferenceService,
  readPipelineRun,
  readValidationJob,
  timeMillis,
  type SlimInferenceService,
  type SlimNotebookValidationJob,
  type SlimPipelineRun,
  type SlimTaskRun,
} from '@backstage-mlops/plugin-mlops-node';

/** Tekton's reason for a PipelineRun that failed because a task failed. */
const TASK_FAILURE_REASON = 'Failed';

/**
 * A training run that failed (or timed out), read with the status vocabulary: a run
 * whose failed task wrote a promotion-gate verdict (`cause.verdict`) was blocked by
 * its gate, any other failure is a failed run.
 *
 * @internal
 */
export interface RunFailure {
  topic: 'training-failed' | 'gate-blocked';
  /** When it finished (ms since the epoch), when the run says. */
  at?: number;
  status: 'Failed' | 'TimedOut';
  /** The pipeline task that failed, when its TaskRun is known. */
  task?: string;
  reason?: string;
  message?: string;
  verdict?: string;
  /**
   * False while the run says a task failed but that task's TaskRun is not known yet
   * (the watch delivers it separately): its cause, and whether a gate blocked it,
   * may still come.
   */
  complete: boolean;
}

/**
 * The failure of a PipelineRun, or undefined when it has not failed (a cancelled run
 * was stopped by someone and is not reported).
 *
 * @internal
 */
export function runFailureOf(
  run: SlimPipelineRun,
  taskRuns: readonly SlimTaskRun[],
): RunFailure | undefined {
  const reading = readPipelineRun(run, taskRuns);
  if (reading.status !== 'Failed' && reading.status !== 'TimedOut') {
    return undefined;
  }
  const cause = reading.cause;
  const failure: RunFailure = {
    topic: cause?.verdict ? 'gate-blocked' : 'training-failed',
    status: reading.status,
    complete: reading.reason !== TASK_FAILURE_REASON || !!cause?.task,
  };
  const at =
    timeMillis(run.status?.completionTime) ??
    timeMillis(
      findCondition(run.status?.conditions, 'Succeeded')?.lastTransitionTime,
    );
  if (at !== undefined) failure.at = at;
  if (cause?.task) failure.task = cause.task;
  const reason = cause?.reason ?? reading.reason;
  if (reason) failure.reason = reason;
  const message = cause?.message ?? reading.message;
  if (message) failure.message = message;
  if (cause?.verdict) failure.verdict = cause.verdict;
  return failure;
}

/**
 * A notebook validation job that failed, with its error category.
 *
 * @internal
 */
export interface ValidationFailure {
  topic: 'validation-failed';
  at?: number;
  category?: MlopsErrorCategory;
  message?: string;
}

/**
 * The failure of a NotebookValidationJob (`logCategory`: the category its pod's log
 * names, as `ValidationErrorCategories` reads it), or undefined when it has not failed.
 *
 * @internal
 */
export function validationFailureOf(
  job: SlimNotebookValidationJob,
  logCategory?: MlopsErrorCategory,
): ValidationFailure | undefined {
  const reading = readValidationJob(job, logCategory);
  if (reading.status !== 'Failed') {
    return undefined;
  }
  const failure: ValidationFailure = { topic: 'validation-failed' };
  const at =
    timeMillis(job.status?.completionTime) ??
    Math.max(
      0,
      ...(job.status?.conditions ?? []).map(
        c => timeMillis(c.lastTransitionTime) ?? 0,
      ),
    );
  if (at) failure.at = at;
  if (reading.errorCategory) failure.category = reading.errorCategory;
  const message = reading.cause?.message ?? reading.message;
  if (message) failure.message = message;
  return failure;
}

/**
 * Whether an InferenceService serves, as far as notifications go: `ready` when its
 * `Ready` condition is True, `unready` when it is False; undefined while KServe does
 * not know yet (`Unknown` or absent) and for a stopped InferenceService (stopped on
 * purpose, nothing to tell).
 *
 * @internal
 */
export interface ServingState {
  state: 'ready' | 'unready';
  /** When `Ready` last changed (the condition's `lastTransitionTime`), as written. */
  since?: string;
  failingCondition?: MlopsFailingCondition;
}

/**
 * Reads an InferenceService's {@link ServingState}.
 *
 * @internal
 */
export function servingStateOf(
  isvc: SlimInferenceService,
): ServingState | undefined {
  const reading = readInferenceService(isvc);
  if (reading.stopped || reading.ready === 'Unknown') {
    return undefined;
  }
  const state: ServingState = {
    state: reading.ready === 'True' ? 'ready' : 'unready',
  };
  const since = findCondition(
    isvc.status?.conditions,
    'Ready',
  )?.lastTransitionTime;
  if (since) state.since = since;
  if (reading.failingCondition) {
    state.failingCondition = reading.failingCondition;
  }
  return state;
}
