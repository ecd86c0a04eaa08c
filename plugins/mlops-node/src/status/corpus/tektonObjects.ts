/**
 * Builders of raw Tekton v1 objects in the shape the Tekton controller writes them
 * (tektoncd/pipeline: pkg/apis/pipeline/v1/pipelinerun_types.go, taskrun_types.go;
 * pkg/reconciler/pipelinerun/pipelinerun.go for labels and child references;
 * pkg/pod/status.go for steps). They spell out only the mechanics (metadata, labels,
 * child references); every status value is given by the fixture that uses them.
 */

/** The time of the corpus's first event. */
const T0 = Date.parse('2026-05-01T10:00:00Z');

/** `T0` plus `seconds`, as the API server writes times. */
export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** A Knative-style condition (Tekton's `Succeeded`). */
export function succeeded(
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string | undefined,
  time: number,
) {
  return {
    type: 'Succeeded',
    status,
    reason,
    ...(message !== undefined ? { message } : {}),
    lastTransitionTime: at(time),
  };
}

export const NAMESPACE = 'mlops-demo';

/** ADR-053's training pipeline as Tekton stores it in `status.pipelineSpec`. */
export function resolvedPipeline(
  options: { finally?: string[]; extraTasks?: string[] } = {},
) {
  const tasks = [
    'train-model',
    'health-check',
    'deploy-model',
    'post-deployment-check',
    ...(options.extraTasks ?? []),
  ];
  return {
    params: [{ name: 'model-name', type: 'string' }],
    tasks: tasks.map((name, i) => ({
      name,
      taskRef: { kind: 'Task', name: `${name}-task` },
      ...(i > 0 ? { runAfter: [tasks[i - 1]] } : {}),
    })),
    ...(options.finally
      ? {
          finally: options.finally.map(name => ({
            name,
            taskRef: { kind: 'Task', name: `${name}-task` },
          })),
        }
      : {}),
  };
}

/** A PipelineRun of `pipeline` (or of an embedded spec) with the given status. */
export function pipelineRun(options: {
  name: string;
  generateName?: string;
  pipeline?: string;
  embedded?: boolean;
  pipelineRef?: Record<string, unknown>;
  specStatus?: string;
  params?: Array<{ name: string; value: unknown }>;
  labels?: Record<string, string>;
  status: Record<string, unknown>;
}) {
  const pipelineLabel = options.embedded
    ? // Tekton labels a run of an embedded spec with its generateName (trailing
      // non-alphanumerics trimmed) or its name (propagatePipelineNameLabelToPipelineRun).
      (options.generateName ?? options.name).replace(/[^a-zA-Z0-9]+$/, '')
    : options.pipeline;
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name: options.name,
      ...(options.generateName ? { generateName: options.generateName } : {}),
      namespace: NAMESPACE,
      uid: `uid-${options.name}`,
      resourceVersion: '4711',
      generation: 1,
      creationTimestamp: at(0),
      labels: {
        'model-name': 'anomaly-detector',
        ...(pipelineLabel ? { 'tekton.dev/pipeline': pipelineLabel } : {}),
        ...options.labels,
      },
      managedFields: [{ manager: 'kubectl-create', operation: 'Update' }],
    },
    spec: {
      ...(options.embedded
        ? { pipelineSpec: resolvedPipeline() }
        : {
            pipelineRef: options.pipelineRef ?? { name: options.pipeline },
          }),
      params: options.params ?? [
        { name: 'model-name', value: 'anomaly-detector' },
      ],
      taskRunTemplate: { serviceAccountName: 'pipeline' },
      timeouts: { pipeline: '1h0m0s' },
      ...(options.specStatus ? { status: options.specStatus } : {}),
    },
    status: options.status,
  };
}

/** A child reference of a PipelineRun to the TaskRun of `task`. */
export function childRef(run: string, task: string) {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    name: `${run}-${task}`,
    pipelineTaskName: task,
  };
}

/** A step state (`status.steps[]`). */
export function step(
  name: string,
  state:
    | { waiting: string }
    | { running: number }
    | {
        exitCode: number;
        reason: string;
        terminationReason?: string;
        from: number;
        to: number;
      },
) {
  const base = {
    name,
    container: `step-${name}`,
    imageID: `registry.example.com/mlops/${name}@sha256:${'a'.repeat(64)}`,
  };
  if ('waiting' in state) {
    return { ...base, waiting: { reason: state.waiting } };
  }
  if ('running' in state) {
    return { ...base, running: { startedAt: at(state.running) } };
  }
  return {
    ...base,
    terminated: {
      exitCode: state.exitCode,
      reason: state.reason,
      startedAt: at(state.from),
      finishedAt: at(state.to),
      containerID: `cri-o://${name}`,
    },
    terminationReason: state.terminationReason ?? state.reason,
  };
}

/** The TaskRun of a pipeline task of `run`, labelled the way Tekton labels it. */
export function taskRun(options: {
  run: string;
  task: string;
  memberOf?: 'tasks' | 'finally';
  pipeline?: string;
  spec?: Record<string, unknown>;
  status: Record<string, unknown>;
}) {
  const name = `${options.run}-${options.task}`;
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: {
      name,
      namespace: NAMESPACE,
      uid: `uid-${name}`,
      resourceVersion: '4712',
      creationTimestamp: at(1),
      labels: {
        'app.kubernetes.io/managed-by': 'tekton-pipelines',
        'model-name': 'anomaly-detector',
        'tekton.dev/pipeline': options.pipeline ?? 'model-training-pipeline',
        'tekton.dev/pipelineRun': options.run,
        'tekton.dev/pipelineRunUID': `uid-${options.run}`,
        'tekton.dev/pipelineTask': options.task,
        'tekton.dev/memberOf': options.memberOf ?? 'tasks',
        'tekton.dev/task': `${options.task}-task`,
      },
      ownerReferences: [
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'PipelineRun',
          name: options.run,
          uid: `uid-${options.run}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      taskRef: { kind: 'Task', name: `${options.task}-task` },
      serviceAccountName: 'pipeline',
      timeout: '1h0m0s',
      ...options.spec,
    },
    status: {
      podName: `${name}-pod`,
      provenance: { featureFlags: { enableAPIFields: 'beta' } },
      ...options.status,
    },
  };
}

/** A TaskRun that succeeded with one step between `from` and `to`. */
export function succeededTaskRun(
  run: string,
  task: string,
  from: number,
  to: number,
  extra: { memberOf?: 'tasks' | 'finally'; results?: unknown[] } = {},
) {
  return taskRun({
    run,
    task,
    memberOf: extra.memberOf,
    status: {
      conditions: [
        succeeded(
          'True',
          'Succeeded',
          'All Steps have completed executing',
          to,
        ),
      ],
      startTime: at(from),
      completionTime: at(to),
      steps: [step(task, { exitCode: 0, reason: 'Completed', from, to })],
      ...(extra.results ? { results: extra.results } : {}),
    },
  });
}
