import type { SlimContainerState } from './pod';
import type {
  SlimCondition,
  SlimNameValue,
  SlimObjectMeta,
} from './objectMeta';

/**
 * A `tekton.dev/v1` PipelineRun, reduced to what the plugin shows.
 *
 * @public
 */
export interface SlimPipelineRun {
  metadata: SlimObjectMeta;
  spec: {
    /** A named Pipeline, or a remote one (`resolver` with its params). */
    pipelineRef?: {
      name?: string;
      resolver?: string;
      params?: SlimNameValue[];
    };
    params?: SlimNameValue[];
    /** `Cancelled`, `CancelledRunFinally`, `StoppedRunFinally` or `PipelineRunPending`. */
    status?: string;
    timeouts?: { pipeline?: string; tasks?: string; finally?: string };
  };
  status?: {
    conditions?: SlimCondition[];
    startTime?: string;
    completionTime?: string;
    childReferences?: Array<{
      kind?: string;
      name: string;
      pipelineTaskName?: string;
      displayName?: string;
    }>;
    results?: SlimNameValue[];
    skippedTasks?: Array<{
      name: string;
      reason?: string;
      whenExpressions?: SlimWhenExpression[];
    }>;
    /** When the `finally` tasks started. */
    finallyStartTime?: string;
    /**
     * The task names of the pipeline the run resolved (`status.pipelineSpec`): which
     * tasks are `finally`; the rest of the resolved spec is dropped.
     */
    pipelineTasks?: { tasks: string[]; finally: string[] };
    /**
     * The DAG of the resolved pipeline's `tasks` (`status.pipelineSpec`): what each
     * task waits for. `finally` tasks are in `pipelineTasks.finally`.
     */
    pipelineDag?: SlimPipelineDagTask[];
  };
}

/**
 * A task of a pipeline's DAG as Tekton orders it: the tasks it runs after
 * (`runAfter` and the tasks whose results it references), and whether a `matrix`
 * fans it out into several TaskRuns.
 *
 * @public
 */
export interface SlimPipelineDagTask {
  name: string;
  after: string[];
  matrix?: boolean;
}

/**
 * A `when` expression as Tekton resolved it (`input`/`operator`/`values`, or `cel`).
 *
 * @public
 */
export interface SlimWhenExpression {
  input?: string;
  operator?: string;
  values?: string[];
  cel?: string;
}

/**
 * A step of a TaskRun (`status.steps[]`).
 *
 * @public
 */
export interface SlimStepState extends SlimContainerState {
  name: string;
  container?: string;
  /** The image the step ran, by digest (`<repo>@sha256:…`), once its container started. */
  imageID?: string;
  terminationReason?: string;
}

/**
 * A `tekton.dev/v1` TaskRun, reduced to what the plugin shows.
 *
 * @public
 */
export interface SlimTaskRun {
  metadata: SlimObjectMeta;
  spec: {
    taskRef?: { name?: string };
    /** `TaskRunCancelled` or `TaskRunPending`. */
    status?: string;
    /** Why it was cancelled, e.g. because its PipelineRun timed out. */
    statusMessage?: string;
    /** How many times a failed attempt is retried. */
    retries?: number;
  };
  status?: {
    conditions?: SlimCondition[];
    podName?: string;
    startTime?: string;
    completionTime?: string;
    steps?: SlimStepState[];
    results?: SlimNameValue[];
    /** The earlier attempts of a retried TaskRun, oldest first. */
    retriesStatus?: SlimTaskRunAttempt[];
  };
}

/**
 * An earlier attempt of a retried TaskRun (an entry of `status.retriesStatus`).
 *
 * @public
 */
export interface SlimTaskRunAttempt {
  conditions?: SlimCondition[];
  podName?: string;
  startTime?: string;
  completionTime?: string;
}

/**
 * A declared param of a `tekton.dev/v1` Pipeline.
 *
 * @public
 */
export interface SlimPipelineParam {
  name: string;
  type?: 'string' | 'array' | 'object' | string;
  default?: unknown;
  description?: string;
  enum?: string[];
}

/**
 * A `tekton.dev/v1` Pipeline, reduced to its interface (params, workspaces, task graph).
 *
 * @public
 */
export interface SlimPipeline {
  metadata: SlimObjectMeta;
  spec: {
    description?: string;
    params?: SlimPipelineParam[];
    workspaces?: Array<{
      name: string;
      optional?: boolean;
      description?: string;
    }>;
    tasks?: Array<{
      name: string;
      taskRef?: { name?: string };
      runAfter?: string[];
      when?: Array<{ input?: string; operator?: string; values?: string[] }>;
    }>;
    finally?: Array<{ name: string; taskRef?: { name?: string } }>;
  };
}
