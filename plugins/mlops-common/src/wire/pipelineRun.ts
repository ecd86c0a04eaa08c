import type { MlopsNameValue } from './common';
import type { MlopsModelMetric } from './modelMetrics';
import type { MlopsRunGraphTask } from './runGraph';
import type { MlopsRunStatus } from './runStatus';

/**
 * What started a training run.
 *
 * - `cron`: a scheduled CronJob (label `triggered-by: cronjob`, ADR-053).
 * - `webhook`: a Tekton Triggers EventListener (e.g. a git push).
 * - `alert`: an EventListener fed by an alert, e.g. a model-drift alert.
 * - `user`: a person, from the portal or by hand.
 * - `unknown`: nothing on the run says.
 *
 * @public
 */
export type MlopsTriggerType =
  | 'cron'
  | 'webhook'
  | 'alert'
  | 'user'
  | 'unknown';

/**
 * What started a training run, with a detail when one is known.
 *
 * @public
 */
export interface MlopsTrigger {
  type: MlopsTriggerType;
  /**
   * For `user`, the user's entity ref (e.g. `user:default/jdoe`); for `webhook` and
   * `alert`, the EventListener and trigger (`model-drift-listener/model-drift`), or
   * the `triggered-by` label's value when no EventListener is named; none for `cron`.
   */
  detail?: string;
}

/**
 * The state of one step (container) of a TaskRun.
 *
 * @public
 */
export type MlopsStepState =
  | 'waiting'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'skipped';

/**
 * One step of a TaskRun.
 *
 * @public
 */
export interface MlopsStepSummary {
  /** The step name; its container is `step-<name>` in the TaskRun's pod. */
  name: string;
  /** `skipped` when Tekton did not run the step because an earlier one failed. */
  state: MlopsStepState;
  /** Exit code, once terminated. */
  exitCode?: number;
  /** Why it waits or ended, e.g. `PodInitializing`, `Completed`, `Error`, `OOMKilled`. */
  reason?: string;
  /** Run time, once terminated. */
  durationSeconds?: number;
  /**
   * The image the step ran, by digest (`<repo>@sha256:…`, Tekton's step `imageID`),
   * once its container started.
   */
  imageID?: string;
  /**
   * True when the step failed and its task went on (`onError: continue` on the step;
   * Tekton's termination reason `Continued`).
   */
  failureIgnored?: boolean;
}

/**
 * An earlier attempt of a retried task (one entry of the TaskRun's
 * `status.retriesStatus`).
 *
 * @public
 */
export interface MlopsTaskAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  status: MlopsRunStatus;
  /** Reason of that attempt's `Succeeded` condition, e.g. `Failed`. */
  reason?: string;
  message?: string;
  startedAt?: string;
  completedAt?: string;
  durationSeconds?: number;
  /** The pod of that attempt. */
  podName?: string;
}

/**
 * One TaskRun of a PipelineRun.
 *
 * @public
 */
export interface MlopsTaskRunSummary {
  /** The TaskRun name. */
  name: string;
  /** The pipeline task it runs, e.g. `train-model` or `health-check`. */
  pipelineTask: string;
  status: MlopsRunStatus;
  /** Reason of the `Succeeded` condition, e.g. `Failed`, `TaskRunTimeout`. */
  reason?: string;
  message?: string;
  startedAt?: string;
  completedAt?: string;
  /** Seconds from start to completion; absent while running. */
  durationSeconds?: number;
  /** The pod that runs the steps, for logs. */
  podName?: string;
  steps: MlopsStepSummary[];
  results: MlopsNameValue[];
  /** True for a task of the pipeline's `finally` section. */
  finally?: boolean;
  /**
   * True when the task failed and the run went on (`onError: continue`, reason
   * `FailureIgnored`): the failure does not fail the run.
   */
  failureIgnored?: boolean;
  /** How many retries the task may take (`spec.retries`), when it may. */
  retries?: number;
  /**
   * The attempts before this one of a retried task, oldest first (the summary itself
   * is the latest attempt).
   */
  earlierAttempts?: MlopsTaskAttempt[];
}

/**
 * A `when` expression of a pipeline task, as Tekton resolved it for the run.
 *
 * @public
 */
export interface MlopsWhenExpression {
  input?: string;
  /** `in` or `notin`. */
  operator?: string;
  values?: string[];
  /** A CEL expression (the `cel` form of a `when` expression). */
  cel?: string;
}

/**
 * A pipeline task the run did not run (`status.skippedTasks`).
 *
 * @public
 */
export interface MlopsSkippedTask {
  /** The pipeline task. */
  name: string;
  /**
   * Tekton's reason, e.g. `When Expressions evaluated to false`,
   * `Parent Tasks were skipped`, `PipelineRun was gracefully cancelled`,
   * `Results were missing`.
   */
  reason: string;
  /** True for a task of the pipeline's `finally` section. */
  finally?: boolean;
  /** The `when` expressions that guarded it, when they are why. */
  when?: MlopsWhenExpression[];
}

/**
 * What decided a run's outcome, in words: the failed task and its reason, or the
 * run's own reason when it failed before or besides its tasks.
 *
 * @public
 */
export interface MlopsRunCause {
  /** The pipeline task whose failure decided the outcome, when one did. */
  task?: string;
  /** True when that task is a `finally` task. */
  finally?: boolean;
  /** e.g. `Failed`, `TaskRunTimeout`, `CouldntGetPipeline`. */
  reason?: string;
  /** e.g. `"step-train" exited with code 1`. */
  message?: string;
  /**
   * The failed task's verdict in words, when it gates promotion (its result
   * {@link MLOPS_GATE_RESULT}), e.g. `not promoted: accuracy 0.81 < served 0.86 − 0.02`.
   */
  verdict?: string;
}

/**
 * How many tasks of a run are in each state. `total` also counts tasks not started yet
 * (read from Tekton's condition message), so it can exceed the sum of the others.
 *
 * @public
 */
export interface MlopsTaskCounts {
  total: number;
  succeeded: number;
  /** Failed, cancelled and timed-out tasks. */
  failed: number;
  /** Running and pending tasks. */
  running: number;
  /** Tasks skipped by a `when` expression or because the run stopped. */
  skipped: number;
  /**
   * Failed tasks whose failure was ignored (`onError: continue`); they are not in
   * `failed`.
   */
  ignored?: number;
}

/**
 * A training run: one Tekton PipelineRun with its TaskRuns.
 *
 * @public
 */
export interface MlopsPipelineRunSummary {
  name: string;
  namespace: string;
  /** The Pipeline it runs. */
  pipeline: string;
  /** The model it trains: its `model-name` label, when that is a valid label value. */
  modelName?: string;
  status: MlopsRunStatus;
  /** Reason of the `Succeeded` condition, e.g. `Completed`, `PipelineRunTimeout`. */
  reason?: string;
  /** Message of the `Succeeded` condition. */
  message?: string;
  /** What decided the outcome, for a run that did not succeed. */
  cause?: MlopsRunCause;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  /** Seconds from start to completion; absent while running. */
  durationSeconds?: number;
  trigger: MlopsTrigger;
  params: MlopsNameValue[];
  results: MlopsNameValue[];
  tasks: MlopsTaskCounts;
  /** TaskRuns in the order the run created them, `finally` tasks last. */
  taskRuns: MlopsTaskRunSummary[];
  /** The tasks the run did not run, with Tekton's reason. */
  skippedTasks?: MlopsSkippedTask[];
  /**
   * The pipeline's task graph as the run resolved it: the DAG's tasks in pipeline
   * order, then the `finally` tasks. Absent before Tekton resolved the pipeline.
   */
  graph?: MlopsRunGraphTask[];
  /**
   * The model metrics the run reported in its `metrics` result
   * ({@link MLOPS_METRICS_RESULT}), sorted by name. Absent when it reported none.
   */
  metrics?: MlopsModelMetric[];
  /**
   * What of the `metrics` result was dropped and why, e.g.
   * `metrics.accuracy of train-model: "n/a" is not a finite number`.
   */
  metricsProblems?: string[];
}
