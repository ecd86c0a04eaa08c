import {
  isMlopsRunFinished,
  labelValueSchema,
  MLOPS_MODEL_NAME_LABEL,
  type MlopsPipelineRunSummary,
  type MlopsTaskCounts,
  type MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  SlimPipelineRun,
  SlimTaskRun,
} from '@backstage-mlops/plugin-mlops-node';
import { findCondition } from './conditions';
import { toNameValues } from './nameValues';
import { toTaskRunSummary } from './taskRun';
import { pipelineRunStatus } from './tektonStatus';
import { detectTrigger } from './trigger';
import { createdAtOf, secondsBetween, timeMillis, validTime } from './time';

/** Label Tekton puts on a TaskRun naming its PipelineRun. */
export const PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';
/** Label Tekton puts on a PipelineRun naming its Pipeline. */
const PIPELINE_LABEL = 'tekton.dev/pipeline';

/**
 * The TaskRuns of `run` among `taskRuns`: same namespace, and labelled with the run or
 * named in its child references.
 *
 * @internal
 */
export function taskRunsOf(
  run: SlimPipelineRun,
  taskRuns: readonly SlimTaskRun[],
): SlimTaskRun[] {
  const childNames = new Set(
    (run.status?.childReferences ?? []).map(ref => ref.name),
  );
  return taskRuns.filter(
    taskRun =>
      taskRun.metadata.namespace === run.metadata.namespace &&
      (taskRun.metadata.labels?.[PIPELINE_RUN_LABEL] === run.metadata.name ||
        childNames.has(taskRun.metadata.name)),
  );
}

function startOrder(taskRun: SlimTaskRun): number {
  return (
    timeMillis(taskRun.status?.startTime) ??
    timeMillis(taskRun.metadata.creationTimestamp) ??
    Number.MAX_SAFE_INTEGER
  );
}

/**
 * The TaskRuns of a run in the order the run created them (its child references),
 * then any TaskRun the run's status does not list yet, by start time. A child
 * reference whose TaskRun is not known is kept with the status `Pending` while the run
 * goes on, `Unknown` once it has finished (e.g. the TaskRun was pruned).
 */
function orderedTaskRuns(
  run: SlimPipelineRun,
  own: SlimTaskRun[],
  runFinished: boolean,
): MlopsTaskRunSummary[] {
  const byName = new Map(own.map(taskRun => [taskRun.metadata.name, taskRun]));
  const out: MlopsTaskRunSummary[] = [];
  const listed = new Set<string>();
  for (const ref of run.status?.childReferences ?? []) {
    if (
      (ref.kind !== undefined && ref.kind !== 'TaskRun') ||
      listed.has(ref.name)
    ) {
      continue;
    }
    listed.add(ref.name);
    const taskRun = byName.get(ref.name);
    out.push(
      taskRun
        ? toTaskRunSummary(taskRun, ref.pipelineTaskName)
        : {
            name: ref.name,
            pipelineTask: ref.pipelineTaskName ?? '',
            status: runFinished ? 'Unknown' : 'Pending',
            steps: [],
            results: [],
          },
    );
  }
  const unlisted = own
    .filter(taskRun => !listed.has(taskRun.metadata.name))
    .sort((a, b) => startOrder(a) - startOrder(b));
  for (const taskRun of unlisted) {
    out.push(toTaskRunSummary(taskRun));
  }
  return out;
}

function countFromMessage(message: string, label: RegExp): number | undefined {
  const match = label.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Counts tasks by state. Tekton's condition message (`Tasks Completed: 1 (Failed: 0,
 * Cancelled 0), Incomplete: 3, Skipped: 0`) also counts the tasks that have not
 * started, so `total` is the larger of the two counts.
 */
function countTasks(
  run: SlimPipelineRun,
  taskRuns: MlopsTaskRunSummary[],
  message: string | undefined,
): MlopsTaskCounts {
  const counts: MlopsTaskCounts = {
    total: 0,
    succeeded: 0,
    failed: 0,
    running: 0,
    skipped: run.status?.skippedTasks?.length ?? 0,
  };
  for (const taskRun of taskRuns) {
    switch (taskRun.status) {
      case 'Succeeded':
        counts.succeeded += 1;
        break;
      case 'Failed':
      case 'Cancelled':
      case 'TimedOut':
        counts.failed += 1;
        break;
      case 'Running':
      case 'Pending':
      case 'Cancelling':
        counts.running += 1;
        break;
      default:
        break;
    }
  }
  let total = taskRuns.length + counts.skipped;
  const completed = message
    ? countFromMessage(message, /Tasks Completed: (\d+)/)
    : undefined;
  if (message && completed !== undefined) {
    const fromMessage =
      completed +
      (countFromMessage(message, /Incomplete: (\d+)/) ?? 0) +
      (countFromMessage(message, /Skipped: (\d+)/) ?? 0);
    total = Math.max(total, fromMessage);
  }
  counts.total = total;
  return counts;
}

/**
 * A PipelineRun and its TaskRuns for the wire. `taskRuns` may hold other runs'
 * TaskRuns too (e.g. every TaskRun of the namespace); only this run's are used.
 *
 * @internal
 */
export function toPipelineRunSummary(
  run: SlimPipelineRun,
  taskRuns: readonly SlimTaskRun[],
): MlopsPipelineRunSummary {
  const succeeded = findCondition(run.status?.conditions, 'Succeeded');
  const status = pipelineRunStatus(run);
  const startedAt = validTime(run.status?.startTime);
  const completedAt = validTime(run.status?.completionTime);
  const taskRunSummaries = orderedTaskRuns(
    run,
    taskRunsOf(run, taskRuns),
    isMlopsRunFinished(status),
  );
  const out: MlopsPipelineRunSummary = {
    name: run.metadata.name,
    namespace: run.metadata.namespace,
    pipeline:
      run.spec?.pipelineRef?.name ??
      run.metadata.labels?.[PIPELINE_LABEL] ??
      '',
    status,
    createdAt: createdAtOf(run.metadata, startedAt, completedAt),
    trigger: detectTrigger(run),
    params: toNameValues(run.spec?.params),
    results: toNameValues(run.status?.results),
    tasks: countTasks(run, taskRunSummaries, succeeded?.message),
    taskRuns: taskRunSummaries,
  };
  const modelName = run.metadata.labels?.[MLOPS_MODEL_NAME_LABEL];
  if (modelName && labelValueSchema.safeParse(modelName).success) {
    out.modelName = modelName;
  }
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
  return out;
}
