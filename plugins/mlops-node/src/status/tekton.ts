import {
  isMlopsRunFinished,
  MLOPS_GATE_RESULT,
  type MlopsRunCause,
  type MlopsRunStatus,
  type MlopsSkippedTask,
  type MlopsStepSummary,
  type MlopsTaskAttempt,
  type MlopsTaskCounts,
  type MlopsTaskRunSummary,
  type MlopsWhenExpression,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimCondition } from '../kinds/objectMeta';
import type {
  SlimPipelineRun,
  SlimStepState,
  SlimTaskRun,
  SlimTaskRunAttempt,
  SlimWhenExpression,
} from '../kinds/tekton';
import { findCondition } from './conditions';
import { toNameValues } from './nameValues';
import { runTimes, secondsBetween, timeMillis } from './time';

// How Tekton Pipelines v1 statuses read (tektoncd/pipeline:
// pkg/apis/pipeline/v1/pipelinerun_types.go, taskrun_types.go,
// pkg/reconciler/pipelinerun/resources/pipelinerunstate.go, pkg/pod/status.go,
// pkg/reconciler/taskrun/taskrun.go, docs/pipelineruns.md, docs/taskruns.md).

/** Label Tekton puts on a TaskRun naming its PipelineRun. @public */
export const TEKTON_PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';
/** Label Tekton puts on a TaskRun naming its pipeline task. @public */
export const TEKTON_PIPELINE_TASK_LABEL = 'tekton.dev/pipelineTask';
/** Label Tekton puts on a TaskRun: `tasks` or `finally`. */
const MEMBER_OF_LABEL = 'tekton.dev/memberOf';

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
  'ResolvingStepActionRef',
  'ExceededResourceQuota',
  'ExceededNodeResources',
]);

/** Reasons of an `Unknown` condition while a run stops on request. */
const STOPPING_REASONS = new Set([
  'PipelineRunStopping',
  'CancelledRunningFinally',
  'StoppedRunningFinally',
  'Cancelled',
  'TaskRunCancelled',
]);

/** The reason of a TaskRun whose failure its pipeline task ignores (`onError: continue`). */
const FAILURE_IGNORED = 'FailureIgnored';
/** `spec.statusMessage` of a TaskRun cancelled because its PipelineRun timed out. */
const CANCELLED_BY_PIPELINE_TIMEOUT =
  'TaskRun cancelled as the PipelineRun it belongs to has timed out.';
/** The reason of a PipelineRun that failed because a task failed (the rest say more). */
const TASK_FAILURE_REASON = 'Failed';

/**
 * The run status of a Tekton object from its `Succeeded` condition and whether its
 * `spec.status` asks it to stop:
 *
 * - no condition yet: `Cancelling` when a stop was asked, else `Pending`;
 * - `True`: `Succeeded` (reasons `Succeeded` and `Completed`);
 * - `False`: `Cancelled` or `TimedOut` for those reasons, else `Failed`;
 * - `Unknown`: `Pending` for the waiting reasons, `Cancelling` for the stopping reasons
 *   or when a stop was asked, else `Running` (`Started`, `Running`, `ToBeRetried`,
 *   `PipelineRunTimeoutRunningFinally`, …);
 * - any other status: `Unknown`.
 */
function tektonRunStatus(
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
 * The status of a PipelineRun: its `Succeeded` condition read with its `spec.status`
 * (a stop or cancel asked for).
 *
 * @public
 */
export function pipelineRunStatusOf(run: SlimPipelineRun): MlopsRunStatus {
  return tektonRunStatus(
    findCondition(run.status?.conditions, 'Succeeded'),
    PIPELINE_RUN_STOP_REQUESTS.has(run.spec?.status ?? ''),
  );
}

/**
 * The status of a TaskRun. A TaskRun its PipelineRun cancelled because the
 * PipelineRun timed out (`spec.statusMessage`) is `TimedOut`, as Tekton counts it.
 *
 * @public
 */
export function taskRunStatusOf(taskRun: SlimTaskRun): MlopsRunStatus {
  const succeeded = findCondition(taskRun.status?.conditions, 'Succeeded');
  const status = tektonRunStatus(
    succeeded,
    taskRun.spec?.status === 'TaskRunCancelled',
  );
  if (
    status === 'Cancelled' &&
    taskRun.spec?.statusMessage === CANCELLED_BY_PIPELINE_TIMEOUT
  ) {
    return 'TimedOut';
  }
  return status;
}

/**
 * Whether a PipelineRun has finished, with the reason Tekton gave (for messages).
 *
 * @public
 */
export function pipelineRunFinishedReason(
  run: SlimPipelineRun,
): string | undefined {
  const status = pipelineRunStatusOf(run);
  if (!isMlopsRunFinished(status)) {
    return undefined;
  }
  return findCondition(run.status?.conditions, 'Succeeded')?.reason ?? status;
}

/**
 * The Pipeline a PipelineRun runs, when it names one that can be read in its
 * namespace: `spec.pipelineRef.name`, or the `name` param of the cluster resolver for
 * `kind: pipeline` in the run's own namespace. Undefined for a run with an embedded
 * `pipelineSpec` and for other remote pipelines (git, bundles, hub): Tekton labels
 * those runs `tekton.dev/pipeline=<the run's own name>`, which names no Pipeline, so
 * the label is never read.
 *
 * @public
 */
export function trainingPipelineOf(run: SlimPipelineRun): string | undefined {
  const ref = run.spec?.pipelineRef;
  if (ref?.name) {
    return ref.name;
  }
  if (ref?.resolver !== 'cluster') {
    return undefined;
  }
  const param = (name: string) => {
    const value = ref.params?.find(p => p.name === name)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const namespace = param('namespace');
  if (
    param('kind') !== 'pipeline' ||
    (namespace !== undefined && namespace !== run.metadata.namespace)
  ) {
    return undefined;
  }
  return param('name') || undefined;
}

/**
 * One step of a TaskRun. A terminated step succeeded when it exited 0. Tekton marks the
 * steps it did not run after an earlier failure `Skipped`, and a step that failed
 * while its `onError: continue` let the task go on `Continued` (its failure is
 * ignored). Cancelled and timed-out steps end with the TaskRun's reason.
 *
 * @public
 */
export function readStep(step: SlimStepState): MlopsStepSummary {
  const out: MlopsStepSummary = { name: step.name, state: 'waiting' };
  if (step.imageID) {
    out.imageID = step.imageID;
  }
  const terminated = step.terminated;
  if (terminated) {
    const reason = step.terminationReason || terminated.reason;
    const skipped = reason === 'Skipped' || terminated.reason === 'Skipped';
    const exitCode = terminated.exitCode;
    const succeeded =
      exitCode === 0 || (exitCode === undefined && reason === 'Completed');
    if (skipped) {
      out.state = 'skipped';
    } else if (succeeded) {
      out.state = 'succeeded';
    } else {
      out.state = 'failed';
      if (reason === 'Continued') {
        out.failureIgnored = true;
      }
    }
    if (typeof exitCode === 'number') {
      out.exitCode = exitCode;
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

function readAttempt(
  attempt: SlimTaskRunAttempt,
  index: number,
): MlopsTaskAttempt {
  const succeeded = findCondition(attempt.conditions, 'Succeeded');
  const out: MlopsTaskAttempt = {
    attempt: index + 1,
    status: tektonRunStatus(succeeded, false),
  };
  if (succeeded?.reason) {
    out.reason = succeeded.reason;
  }
  if (succeeded?.message) {
    out.message = succeeded.message;
  }
  Object.assign(out, runTimes(attempt.startTime, attempt.completionTime));
  if (attempt.podName) {
    out.podName = attempt.podName;
  }
  return out;
}

/**
 * Where a TaskRun sits in its PipelineRun, when the caller knows it.
 *
 * @public
 */
export interface TaskRunPlace {
  /** The pipeline task (the PipelineRun's child reference), when not labelled. */
  pipelineTask?: string;
  /** True when the pipeline task is a `finally` task. */
  finally?: boolean;
}

/**
 * A TaskRun as the vocabulary reads it: its status and Tekton's reason and message;
 * whether its failure is ignored (`FailureIgnored`: `onError: continue` on its
 * pipeline task); whether it is a `finally` task (label `tekton.dev/memberOf`); its
 * retries and earlier attempts (`status.retriesStatus`); its steps, results, times and
 * pod. The pipeline task is the `tekton.dev/pipelineTask` label, else `place`, else
 * the Task's name.
 *
 * @public
 */
export function readTaskRun(
  taskRun: SlimTaskRun,
  place: TaskRunPlace = {},
): MlopsTaskRunSummary {
  const status = taskRun.status;
  const succeeded = findCondition(status?.conditions, 'Succeeded');
  const out: MlopsTaskRunSummary = {
    name: taskRun.metadata.name,
    pipelineTask:
      taskRun.metadata.labels?.[TEKTON_PIPELINE_TASK_LABEL] ??
      place.pipelineTask ??
      taskRun.spec?.taskRef?.name ??
      '',
    status: taskRunStatusOf(taskRun),
    steps: (status?.steps ?? []).map(readStep),
    results: toNameValues(status?.results),
  };
  if (succeeded?.reason) {
    out.reason = succeeded.reason;
  }
  if (succeeded?.message) {
    out.message = succeeded.message;
  }
  Object.assign(out, runTimes(status?.startTime, status?.completionTime));
  if (status?.podName) {
    out.podName = status.podName;
  }
  const memberOf = taskRun.metadata.labels?.[MEMBER_OF_LABEL];
  if (memberOf === 'finally' || (memberOf === undefined && place.finally)) {
    out.finally = true;
  }
  if (succeeded?.status === 'False' && succeeded.reason === FAILURE_IGNORED) {
    out.failureIgnored = true;
  }
  if (typeof taskRun.spec?.retries === 'number' && taskRun.spec.retries > 0) {
    out.retries = taskRun.spec.retries;
  }
  const attempts = status?.retriesStatus ?? [];
  if (attempts.length > 0) {
    out.earlierAttempts = attempts.map(readAttempt);
  }
  return out;
}

/**
 * The TaskRuns of `run` among `taskRuns`: same namespace, and labelled with the run or
 * named in its child references.
 *
 * @public
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
      (taskRun.metadata.labels?.[TEKTON_PIPELINE_RUN_LABEL] ===
        run.metadata.name ||
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
 * then any TaskRun the run's status does not list yet, by start time; `finally` tasks
 * last. A child reference whose TaskRun is not known is kept as `Pending` while the
 * run goes on, `Unknown` once it has finished (e.g. the TaskRun was pruned).
 */
function orderedTasks(
  run: SlimPipelineRun,
  own: SlimTaskRun[],
  runFinished: boolean,
  finallyTasks: ReadonlySet<string>,
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
    const place = {
      pipelineTask: ref.pipelineTaskName,
      finally: finallyTasks.has(ref.pipelineTaskName ?? ''),
    };
    if (taskRun) {
      out.push(readTaskRun(taskRun, place));
    } else {
      const missing: MlopsTaskRunSummary = {
        name: ref.name,
        pipelineTask: ref.pipelineTaskName ?? '',
        status: runFinished ? 'Unknown' : 'Pending',
        steps: [],
        results: [],
      };
      if (place.finally) {
        missing.finally = true;
      }
      out.push(missing);
    }
  }
  const unlisted = own
    .filter(taskRun => !listed.has(taskRun.metadata.name))
    .sort((a, b) => startOrder(a) - startOrder(b));
  for (const taskRun of unlisted) {
    const pipelineTask =
      taskRun.metadata.labels?.[TEKTON_PIPELINE_TASK_LABEL] ?? '';
    out.push(readTaskRun(taskRun, { finally: finallyTasks.has(pipelineTask) }));
  }
  return [
    ...out.filter(task => !task.finally),
    ...out.filter(task => task.finally),
  ];
}

function toWhen(expression: SlimWhenExpression): MlopsWhenExpression {
  const out: MlopsWhenExpression = {};
  if (expression.input !== undefined) {
    out.input = expression.input;
  }
  if (expression.operator !== undefined) {
    out.operator = expression.operator;
  }
  if (expression.values !== undefined) {
    out.values = expression.values;
  }
  if (expression.cel !== undefined) {
    out.cel = expression.cel;
  }
  return out;
}

function skippedTasksOf(
  run: SlimPipelineRun,
  finallyTasks: ReadonlySet<string>,
): MlopsSkippedTask[] {
  return (run.status?.skippedTasks ?? []).map(task => {
    const out: MlopsSkippedTask = {
      name: task.name,
      reason: task.reason ?? 'Skipped',
    };
    if (finallyTasks.has(task.name)) {
      out.finally = true;
    }
    if (task.whenExpressions?.length) {
      out.when = task.whenExpressions.map(toWhen);
    }
    return out;
  });
}

function countFromMessage(message: string, label: RegExp): number | undefined {
  const match = label.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Counts tasks by state; failures a task ignores count as `ignored`, not `failed`.
 * Tekton's condition message
 * (`Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0`) also
 * counts the tasks that have not started, so `total` is the larger of the two counts.
 */
function countTasks(
  tasks: MlopsTaskRunSummary[],
  skipped: number,
  message: string | undefined,
): MlopsTaskCounts {
  const counts: MlopsTaskCounts = {
    total: 0,
    succeeded: 0,
    failed: 0,
    running: 0,
    skipped,
    ignored: 0,
  };
  for (const task of tasks) {
    if (task.failureIgnored) {
      counts.ignored! += 1;
      continue;
    }
    switch (task.status) {
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
  let total = tasks.length + skipped;
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

const FAILED_TASK_STATUSES = new Set<MlopsRunStatus>(['Failed', 'TimedOut']);

/**
 * What decided a run's outcome. A run that failed because a task failed (reason
 * `Failed`) names the first task that failed without its failure being ignored (a
 * regular task before a `finally` one), with that TaskRun's reason and message, and
 * its verdict when it gates promotion (its result {@link MLOPS_GATE_RESULT}); so
 * does a run still running its `finally` tasks after a task failed. A run that timed
 * out, was cancelled, or failed for a reason of its own (`CouldntGetPipeline`,
 * `PipelineValidationFailed`, `ParameterMissing`, …) gives that reason and message.
 */
function causeOf(
  status: MlopsRunStatus,
  succeeded: SlimCondition | undefined,
  tasks: MlopsTaskRunSummary[],
): MlopsRunCause | undefined {
  if (
    status === 'Succeeded' ||
    status === 'Pending' ||
    status === 'Cancelling'
  ) {
    return undefined;
  }
  const failedTask = tasks.find(
    task => !task.failureIgnored && FAILED_TASK_STATUSES.has(task.status),
  );
  const ownReason =
    succeeded?.reason !== undefined && succeeded.reason !== TASK_FAILURE_REASON;
  if (
    failedTask &&
    (status === 'Running' || (status === 'Failed' && !ownReason))
  ) {
    const cause: MlopsRunCause = { task: failedTask.pipelineTask };
    if (failedTask.finally) {
      cause.finally = true;
    }
    if (failedTask.reason) {
      cause.reason = failedTask.reason;
    }
    if (failedTask.message) {
      cause.message = failedTask.message;
    }
    const verdict = failedTask.results.find(
      r => r.name === MLOPS_GATE_RESULT,
    )?.value;
    if (typeof verdict === 'string' && verdict) {
      cause.verdict = verdict;
    }
    return cause;
  }
  if (status === 'Running' || !succeeded) {
    return undefined;
  }
  const cause: MlopsRunCause = {};
  if (succeeded.reason) {
    cause.reason = succeeded.reason;
  }
  if (succeeded.message) {
    cause.message = succeeded.message;
  }
  return Object.keys(cause).length > 0 ? cause : undefined;
}

/**
 * A PipelineRun as the vocabulary reads it.
 *
 * @public
 */
export interface PipelineRunReading {
  status: MlopsRunStatus;
  /** Reason of the `Succeeded` condition, e.g. `Completed`, `PipelineRunTimeout`. */
  reason?: string;
  /** Message of the `Succeeded` condition (Tekton's task counts for task failures). */
  message?: string;
  /** What decided the outcome; see `causeOf`. */
  cause?: MlopsRunCause;
  /** Its TaskRuns in the order the run created them, `finally` tasks last. */
  tasks: MlopsTaskRunSummary[];
  /** The tasks it did not run, with Tekton's reason. */
  skippedTasks: MlopsSkippedTask[];
  counts: MlopsTaskCounts;
}

/**
 * Reads a PipelineRun with its TaskRuns (`taskRuns` may hold other runs' TaskRuns;
 * only this run's are used): its status, Tekton's reason and message, the cause of its
 * outcome, its tasks (which are `finally`, which failures are ignored, retries and
 * earlier attempts), the tasks it skipped with their reasons, and task counts.
 *
 * @public
 */
export function readPipelineRun(
  run: SlimPipelineRun,
  taskRuns: readonly SlimTaskRun[],
): PipelineRunReading {
  const succeeded = findCondition(run.status?.conditions, 'Succeeded');
  const status = pipelineRunStatusOf(run);
  const finallyTasks = new Set(run.status?.pipelineTasks?.finally ?? []);
  const tasks = orderedTasks(
    run,
    taskRunsOf(run, taskRuns),
    isMlopsRunFinished(status),
    finallyTasks,
  );
  const skippedTasks = skippedTasksOf(run, finallyTasks);
  const reading: PipelineRunReading = {
    status,
    tasks,
    skippedTasks,
    counts: countTasks(tasks, skippedTasks.length, succeeded?.message),
  };
  if (succeeded?.reason) {
    reading.reason = succeeded.reason;
  }
  if (succeeded?.message) {
    reading.message = succeeded.message;
  }
  const cause = causeOf(status, succeeded, tasks);
  if (cause) {
    reading.cause = cause;
  }
  return reading;
}
