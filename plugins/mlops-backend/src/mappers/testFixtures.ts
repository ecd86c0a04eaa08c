/*
 * Fixture builders for the mapper tests: the metadata and labels of each kind as its
 * controller writes them, with the status a test gives. The statuses the status
 * vocabulary must read are the upstream-sourced corpus of
 * `@backstage-mlops/plugin-mlops-node` (status/corpus); these builders only carry
 * what the mappers add around its answers.
 */
import type {
  SlimBuild,
  SlimCondition,
  SlimInferenceService,
  SlimNotebookValidationJob,
  SlimObjectMeta,
  SlimPipelineRun,
  SlimStepState,
  SlimTaskRun,
  SlimWorkbench,
} from '@backstage-mlops/plugin-mlops-node';

/** Namespace of every fixture object unless a builder is told otherwise. */
export const NAMESPACE = 'mlops-demo';
/** The `model-name` label of the fixtures. */
export const MODEL = 'anomaly-detector';
/** The default creation time of the fixtures. */
export const T0 = '2026-05-01T10:00:00Z';

/** `T0` plus `seconds`, as the API server writes times. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/** Object metadata as the API server returns it (uid, version, creation time). */
export function meta(
  name: string,
  options: {
    createdAt?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    namespace?: string;
  } = {},
): SlimObjectMeta {
  return {
    name,
    namespace: options.namespace ?? NAMESPACE,
    uid: `uid-${name}`,
    resourceVersion: '1',
    creationTimestamp: options.createdAt ?? T0,
    labels: options.labels,
    annotations: options.annotations,
  };
}

/** A condition with `lastTransitionTime` T0. */
export function condition(
  type: string,
  status: string,
  reason?: string,
  message?: string,
): SlimCondition {
  return { type, status, reason, message, lastTransitionTime: T0 };
}

interface RunOptions {
  createdAt?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  specStatus?: string;
  succeeded?: SlimCondition;
  startTime?: string;
  completionTime?: string;
  /** Pipeline task names; child TaskRuns are named `<run>-<task>`. */
  tasks?: string[];
  skippedTasks?: string[];
  /** Tekton's reason for the skipped tasks (default: their when expressions). */
  skippedReason?: string;
  results?: Array<{ name: string; value: unknown }>;
  params?: Array<{ name: string; value: unknown }>;
  namespace?: string;
}

/** A training PipelineRun of `model-training-pipeline`, as the seeds make them. */
export function aPipelineRun(
  name: string,
  options: RunOptions = {},
): SlimPipelineRun {
  return {
    metadata: meta(name, {
      createdAt: options.createdAt,
      namespace: options.namespace,
      labels: {
        'model-name': MODEL,
        'tekton.dev/pipeline': 'model-training-pipeline',
        ...options.labels,
      },
      annotations: options.annotations,
    }),
    spec: {
      pipelineRef: { name: 'model-training-pipeline' },
      params: options.params ?? [
        { name: 'model-name', value: MODEL },
        { name: 'data-source', value: 'prometheus' },
        { name: 'health-check-enabled', value: 'true' },
      ],
      status: options.specStatus,
      timeouts: { pipeline: '1h0m0s' },
    },
    status:
      options.succeeded || options.startTime || options.tasks
        ? {
            conditions: options.succeeded ? [options.succeeded] : undefined,
            startTime: options.startTime,
            completionTime: options.completionTime,
            childReferences: options.tasks?.map(task => ({
              kind: 'TaskRun',
              name: `${name}-${task}`,
              pipelineTaskName: task,
            })),
            skippedTasks: options.skippedTasks?.map(task => ({
              name: task,
              reason:
                options.skippedReason ?? 'When Expressions evaluated to false',
            })),
            results: options.results,
          }
        : undefined,
  };
}

/** A step waiting to start (`PodInitializing` by default). */
export function waitingStep(
  name: string,
  reason = 'PodInitializing',
): SlimStepState {
  return { name, container: `step-${name}`, waiting: { reason } };
}

/** A running step. */
export function runningStep(name: string, startedAt = at(0)): SlimStepState {
  return { name, container: `step-${name}`, running: { startedAt } };
}

/** A terminated step; Tekton also copies the reason to `terminationReason`. */
export function terminatedStep(
  name: string,
  exitCode: number,
  reason: string,
  times: { startedAt?: string; finishedAt?: string } = {},
): SlimStepState {
  return {
    name,
    container: `step-${name}`,
    terminated: {
      exitCode,
      reason,
      startedAt: times.startedAt ?? at(0),
      finishedAt: times.finishedAt ?? at(10),
    },
    terminationReason: reason,
  };
}

interface TaskRunOptions {
  succeeded?: SlimCondition;
  specStatus?: string;
  startTime?: string;
  completionTime?: string;
  steps?: SlimStepState[];
  results?: Array<{ name: string; value: unknown }>;
  createdAt?: string;
  namespace?: string;
  /** Leave out the Tekton labels (as if they were stripped). */
  unlabelled?: boolean;
}

/** The TaskRun `<run>-<task>` of a PipelineRun, labelled the way Tekton does. */
export function aTaskRun(
  run: string,
  task: string,
  options: TaskRunOptions = {},
): SlimTaskRun {
  return {
    metadata: meta(`${run}-${task}`, {
      createdAt: options.createdAt,
      namespace: options.namespace,
      labels: options.unlabelled
        ? undefined
        : {
            'tekton.dev/pipeline': 'model-training-pipeline',
            'tekton.dev/pipelineRun': run,
            'tekton.dev/pipelineTask': task,
            'tekton.dev/memberOf': 'tasks',
          },
    }),
    spec: { taskRef: { name: `task-of-${task}` }, status: options.specStatus },
    status: {
      conditions: options.succeeded ? [options.succeeded] : undefined,
      podName: `${run}-${task}-pod`,
      startTime: options.startTime,
      completionTime: options.completionTime,
      steps: options.steps,
      results: options.results,
    },
  };
}

type NvjStatus = NonNullable<SlimNotebookValidationJob['status']>;

/** A NotebookValidationJob of the model's training notebook. */
export function aValidationJob(
  name: string,
  status?: NvjStatus,
  options: { createdAt?: string; buildStrategy?: string } = {},
): SlimNotebookValidationJob {
  return {
    metadata: meta(name, {
      createdAt: options.createdAt,
      labels: { 'model-name': MODEL },
    }),
    spec: {
      notebook: {
        git: {
          url: 'https://github.com/backstage-mlops/demo-models.git',
          ref: 'main',
        },
        path: 'notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb',
      },
      podConfig: {
        containerImage:
          'image-registry.openshift-image-registry.svc:5000/mlops-demo/notebook-validator:latest',
        buildConfig: options.buildStrategy
          ? { enabled: true, strategy: options.buildStrategy }
          : undefined,
      },
      timeout: '30m',
    },
    status,
  };
}

type BuildStatus = NonNullable<SlimBuild['status']>;

/** Build `<config>-<n>` of a BuildConfig, labelled the way OpenShift does. */
export function aBuild(
  config: string,
  number: number,
  status?: BuildStatus,
  options: { createdAt?: string; annotated?: boolean } = {},
): SlimBuild {
  const name = `${config}-${number}`;
  return {
    metadata: meta(name, {
      createdAt: options.createdAt,
      labels: {
        'openshift.io/build-config.name': config,
        buildconfig: config,
      },
      annotations:
        options.annotated === false
          ? undefined
          : {
              'openshift.io/build-config.name': config,
              'openshift.io/build.number': String(number),
            },
    }),
    spec: { strategy: { type: 'Docker' } },
    status,
  };
}

type IsvcStatus = NonNullable<SlimInferenceService['status']>;

/** The model's InferenceService (model form, sklearn, storage on the PVC). */
export function anInferenceService(
  status?: IsvcStatus,
  options: { deploymentMode?: string; name?: string } = {},
): SlimInferenceService {
  const name = options.name ?? MODEL;
  return {
    metadata: meta(name, {
      annotations: options.deploymentMode
        ? { 'serving.kserve.io/deploymentMode': options.deploymentMode }
        : undefined,
    }),
    spec: {
      predictor: {
        form: 'model',
        modelFormat: { name: 'sklearn' },
        runtime: 'sklearn-runtime',
        storageUri: `pvc://model-storage-pvc/${name}`,
      },
    },
    status,
  };
}

type WorkbenchStatus = NonNullable<SlimWorkbench['status']>;

/** The model's workbench. */
export function aWorkbench(
  status?: WorkbenchStatus,
  options: { stopped?: string; gpu?: number } = {},
): SlimWorkbench {
  return {
    metadata: meta(`${MODEL}-workbench`, {
      annotations:
        options.stopped !== undefined
          ? { 'kubeflow-resource-stopped': options.stopped }
          : undefined,
    }),
    spec: {
      image: `image-registry.openshift-image-registry.svc:5000/${NAMESPACE}/${MODEL}-notebook:latest`,
      gpu: options.gpu ?? 0,
    },
    status,
  };
}
