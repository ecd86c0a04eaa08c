import type {
  MlopsStepSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  SlimStepState,
  SlimTaskRun,
} from '@backstage-mlops/plugin-mlops-node';
import { findCondition } from './conditions';
import { toNameValues } from './nameValues';
import { taskRunStatus } from './tektonStatus';
import { secondsBetween, validTime } from './time';

/** Label Tekton puts on a TaskRun naming its pipeline task. */
export const PIPELINE_TASK_LABEL = 'tekton.dev/pipelineTask';

/**
 * One step of a TaskRun. A terminated step succeeded when it exited 0; Tekton marks
 * the steps it did not run after an earlier failure with the reason `Skipped`.
 *
 * @internal
 */
export function toStepSummary(step: SlimStepState): MlopsStepSummary {
  const out: MlopsStepSummary = { name: step.name, state: 'waiting' };
  const terminated = step.terminated;
  if (terminated) {
    const reason = terminated.reason ?? step.terminationReason;
    const skipped =
      step.terminationReason === 'Skipped' || terminated.reason === 'Skipped';
    const succeeded =
      terminated.exitCode === 0 ||
      (terminated.exitCode === undefined && reason === 'Completed');
    if (skipped) {
      out.state = 'skipped';
    } else {
      out.state = succeeded ? 'succeeded' : 'failed';
    }
    if (typeof terminated.exitCode === 'number') {
      out.exitCode = terminated.exitCode;
    }
    if (reason) {
      out.reason = reason;
    }
    const duration = secondsBetween(
      terminated.startedAt,
      terminated.finishedAt,
    );
    if (duration !== undefined && !skipped) {
      out.durationSeconds = duration;
    }
  } else if (step.running) {
    out.state = 'running';
  } else if (step.waiting?.reason) {
    out.reason = step.waiting.reason;
  }
  return out;
}

/**
 * A TaskRun for the wire. The pipeline task is read from the `tekton.dev/pipelineTask`
 * label, else taken from `pipelineTask` (the PipelineRun's child reference), else the
 * Task's name.
 *
 * @internal
 */
export function toTaskRunSummary(
  taskRun: SlimTaskRun,
  pipelineTask?: string,
): MlopsTaskRunSummary {
  const status = taskRun.status;
  const succeeded = findCondition(status?.conditions, 'Succeeded');
  const startedAt = validTime(status?.startTime);
  const completedAt = validTime(status?.completionTime);
  const out: MlopsTaskRunSummary = {
    name: taskRun.metadata.name,
    pipelineTask:
      taskRun.metadata.labels?.[PIPELINE_TASK_LABEL] ??
      pipelineTask ??
      taskRun.spec?.taskRef?.name ??
      '',
    status: taskRunStatus(taskRun),
    steps: (status?.steps ?? []).map(toStepSummary),
    results: toNameValues(status?.results),
  };
  if (succeeded?.reason) {
    out.reason = succeeded.reason;
  }
  if (succeeded?.message) {
    out.message = succeeded.message;
  }
  if (startedAt) {
    out.startedAt = startedAt;
  }
  if (completedAt) {
    out.completedAt = completedAt;
  }
  const duration = secondsBetween(startedAt, completedAt);
  if (duration !== undefined) {
    out.durationSeconds = duration;
  }
  if (status?.podName) {
    out.podName = status.podName;
  }
  return out;
}
