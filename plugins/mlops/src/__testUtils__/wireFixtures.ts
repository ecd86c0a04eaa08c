import type {
  MlopsBuildSummary,
  MlopsCellResult,
  MlopsFreshness,
  MlopsHealthCheckResult,
  MlopsInferenceServiceHealth,
  MlopsModelHealthResponse,
  MlopsServingDiagnosisResponse,
  MlopsModelSummary,
  MlopsNotInstalled,
  MlopsPipelineParamSpec,
  MlopsPipelineRunSummary,
  MlopsSummaryResponse,
  MlopsTaskRunSummary,
  MlopsTrainingPipelineParamsResponse,
  MlopsTrainingResponse,
  MlopsValidationJobSummary,
  MlopsWorkbenchState,
} from '@backstage-mlops/plugin-mlops-common';

// Builders of the wire types with sensible defaults: each test states only the
// fields it is about. Times are relative to now, so relative times read naturally.

/**
 * An ISO 8601 time the given number of minutes before now.
 *
 * @internal
 */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** @internal */
export function freshCluster(
  overrides: Partial<MlopsFreshness> = {},
): MlopsFreshness {
  return {
    cluster: 'dev',
    state: 'fresh',
    syncedAt: minutesAgo(0),
    ...overrides,
  };
}

/** @internal */
export function staleCluster(
  overrides: Partial<MlopsFreshness> = {},
): MlopsFreshness {
  return freshCluster({
    state: 'stale',
    syncedAt: minutesAgo(2),
    staleSince: minutesAgo(2),
    message: 'connect ECONNREFUSED 10.0.0.1:6443',
    ...overrides,
  });
}

/** @internal */
export function notInstalled(
  overrides: Partial<MlopsNotInstalled> = {},
): MlopsNotInstalled {
  return {
    cluster: 'dev',
    apiVersion: 'tekton.dev/v1',
    resource: 'pipelineruns',
    message: 'Tekton is not installed on cluster dev',
    ...overrides,
  };
}

/** @internal */
export function taskRun(
  overrides: Partial<MlopsTaskRunSummary> = {},
): MlopsTaskRunSummary {
  return {
    name: 'train-2024-01-train-model',
    pipelineTask: 'train-model',
    status: 'Succeeded',
    reason: 'Succeeded',
    startedAt: minutesAgo(30),
    completedAt: minutesAgo(25),
    durationSeconds: 300,
    podName: 'train-2024-01-train-model-pod',
    steps: [{ name: 'train', state: 'succeeded', exitCode: 0 }],
    results: [],
    ...overrides,
  };
}

/** @internal */
export function pipelineRun(
  overrides: Partial<MlopsPipelineRunSummary> = {},
): MlopsPipelineRunSummary {
  return {
    name: 'anomaly-detector-train-abc12',
    namespace: 'mlops-demo',
    pipeline: 'model-training-pipeline',
    status: 'Succeeded',
    reason: 'Completed',
    createdAt: minutesAgo(31),
    startedAt: minutesAgo(30),
    completedAt: minutesAgo(20),
    durationSeconds: 600,
    trigger: { type: 'cron' },
    params: [],
    results: [],
    tasks: { total: 1, succeeded: 1, failed: 0, running: 0, skipped: 0 },
    taskRuns: [taskRun()],
    ...overrides,
  };
}

/**
 * `count` runs, newest first, one every hour, named `run-0` (newest) … .
 *
 * @internal
 */
export function pipelineRuns(
  count: number,
  overrides: (index: number) => Partial<MlopsPipelineRunSummary> = () => ({}),
): MlopsPipelineRunSummary[] {
  return Array.from({ length: count }, (_, i) =>
    pipelineRun({
      name: `run-${i}`,
      createdAt: minutesAgo(60 * i + 31),
      startedAt: minutesAgo(60 * i + 30),
      completedAt: minutesAgo(60 * i + 20),
      ...overrides(i),
    }),
  );
}

/** @internal */
export function cell(
  overrides: Partial<MlopsCellResult> = {},
): MlopsCellResult {
  return { index: 0, status: 'Success', durationSeconds: 1.5, ...overrides };
}

/** @internal */
export function validationJob(
  overrides: Partial<MlopsValidationJobSummary> = {},
): MlopsValidationJobSummary {
  return {
    name: 'anomaly-detector-validate-x1',
    phase: 'Succeeded',
    status: 'Succeeded',
    notebookPath: 'notebooks/02-anomaly-detection/01-train.ipynb',
    gitUrl: 'https://github.com/backstage-mlops/demo-models.git',
    gitRef: 'main',
    createdAt: minutesAgo(50),
    startedAt: minutesAgo(49),
    completedAt: minutesAgo(45),
    durationSeconds: 240,
    conditions: [],
    cells: [cell({ index: 0 }), cell({ index: 1 })],
    errorCategory: 'none',
    ...overrides,
  };
}

/** @internal */
export function build(
  overrides: Partial<MlopsBuildSummary> = {},
): MlopsBuildSummary {
  return {
    name: 'anomaly-detector-notebook-3',
    buildConfig: 'anomaly-detector-notebook',
    number: 3,
    phase: 'Complete',
    status: 'Succeeded',
    createdAt: minutesAgo(120),
    startedAt: minutesAgo(119),
    completedAt: minutesAgo(110),
    durationSeconds: 540,
    imageReference:
      'image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-notebook:latest',
    imageDigest:
      'sha256:4f6d2b8c0a1e3f5d7b9c1a2e4f6d8b0c2a4e6f8d0b2c4a6e8f0d2b4c6a8e0f2d',
    ...overrides,
  };
}

/** @internal */
export function trainingResponse(
  overrides: Partial<MlopsTrainingResponse> = {},
): MlopsTrainingResponse {
  const runs = overrides.pipelineRuns?.items ?? [];
  return {
    entityRef: 'component:default/anomaly-detector',
    cluster: 'dev',
    namespace: 'mlops-demo',
    modelName: 'anomaly-detector',
    trainingPipeline: 'model-training-pipeline',
    freshness: [freshCluster()],
    notInstalled: [],
    pipelineRuns: { items: runs, totalItems: runs.length },
    validationJobs: { items: [], totalItems: 0 },
    builds: { items: [], totalItems: 0 },
    ...overrides,
  };
}

/**
 * A page of runs for {@link trainingResponse}.
 *
 * @internal
 */
export function page<T>(
  items: T[],
  options: { totalItems?: number; nextCursor?: string } = {},
) {
  return {
    items,
    totalItems: options.totalItems ?? items.length,
    ...(options.nextCursor ? { nextCursor: options.nextCursor } : {}),
  };
}

/** @internal */
export function inferenceService(
  overrides: Partial<MlopsInferenceServiceHealth> = {},
): MlopsInferenceServiceHealth {
  return {
    name: 'anomaly-detector',
    ready: 'True',
    conditions: [
      { type: 'Ready', status: 'True', lastTransitionTime: minutesAgo(60) },
      {
        type: 'PredictorReady',
        status: 'True',
        lastTransitionTime: minutesAgo(60),
      },
    ],
    url: 'https://anomaly-detector-mlops-demo.apps.example.com',
    internalUrl: 'http://anomaly-detector.mlops-demo.svc.cluster.local',
    deploymentMode: 'Standard',
    deploymentModeName: 'RawDeployment',
    runtime: 'kserve-sklearnserver',
    modelFormat: 'sklearn',
    storageUri: 'pvc://model-storage/anomaly-detector',
    modelState: {
      state: 'Loaded',
      active: 'Loaded',
      target: 'Loaded',
      transitionStatus: 'UpToDate',
    },
    traffic: [],
    createdAt: minutesAgo(600),
    ...overrides,
  };
}

/** @internal */
export function failingInferenceService(
  overrides: Partial<MlopsInferenceServiceHealth> = {},
): MlopsInferenceServiceHealth {
  return inferenceService({
    ready: 'False',
    // As the backend reads a RawDeployment whose model failed to load: the cause by
    // meaning (not the ingress symptom), the failure from the target state.
    failingCondition: {
      type: 'PredictorReady',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    },
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'Predictor ingress not created',
      },
      {
        type: 'IngressReady',
        status: 'False',
        reason: 'Predictor ingress not created',
      },
      {
        type: 'PredictorReady',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      },
    ],
    modelState: {
      state: 'FailedToLoad',
      loadFailure: {
        reason: 'ModelLoadFailed',
        message: 'No module named sklearn.ensemble._iforest',
        exitCode: 1,
      },
      active: '',
      target: 'FailedToLoad',
      transitionStatus: 'BlockedByFailedLoad',
      lastFailure: {
        reason: 'ModelLoadFailed',
        message: 'No module named sklearn.ensemble._iforest',
        exitCode: 1,
      },
    },
    ...overrides,
  });
}

/** @internal */
export function healthCheck(
  overrides: Partial<MlopsHealthCheckResult> = {},
): MlopsHealthCheckResult {
  return {
    pipelineRun: 'anomaly-detector-train-abc12',
    task: 'health-check',
    status: 'Succeeded',
    completedAt: minutesAgo(22),
    results: [{ name: 'model-health', value: 'healthy' }],
    ...overrides,
  };
}

/** @internal */
export function workbench(
  overrides: Partial<MlopsWorkbenchState> = {},
): MlopsWorkbenchState {
  return {
    name: 'anomaly-detector-workbench',
    state: 'Running',
    image: 'quay.io/modh/odh-generic-data-science-notebook:2024.1',
    gpu: 0,
    ...overrides,
  };
}

/** @internal */
export function healthResponse(
  overrides: Partial<MlopsModelHealthResponse> = {},
): MlopsModelHealthResponse {
  return {
    entityRef: 'component:default/anomaly-detector',
    cluster: 'dev',
    namespace: 'mlops-demo',
    freshness: [freshCluster()],
    notInstalled: [],
    inferenceServices: [],
    healthChecks: [],
    ...overrides,
  };
}

/** @internal */
export function servingDiagnosisResponse(
  overrides: Partial<MlopsServingDiagnosisResponse> = {},
): MlopsServingDiagnosisResponse {
  return {
    entityRef: 'component:default/anomaly-detector',
    cluster: 'dev',
    namespace: 'mlops-demo',
    freshness: [freshCluster()],
    notInstalled: [],
    progress: [],
    events: [],
    pods: [],
    ...overrides,
  };
}

/** @internal */
export function modelSummary(
  overrides: Partial<MlopsModelSummary> = {},
): MlopsModelSummary {
  return {
    entityRef: 'component:default/anomaly-detector',
    cluster: 'dev',
    namespace: 'mlops-demo',
    lastTraining: {
      name: 'anomaly-detector-train-abc12',
      status: 'Succeeded',
      startedAt: minutesAgo(30),
      completedAt: minutesAgo(20),
    },
    serving: { name: 'anomaly-detector', ready: 'True' },
    lastBuild: {
      name: 'anomaly-detector-notebook-3',
      phase: 'Complete',
      status: 'Succeeded',
      completedAt: minutesAgo(110),
    },
    lastValidation: {
      name: 'anomaly-detector-validate-x1',
      phase: 'Succeeded',
      status: 'Succeeded',
      errorCategory: 'none',
      completedAt: minutesAgo(45),
    },
    ...overrides,
  };
}

/** @internal */
export function summaryResponse(
  items: MlopsModelSummary[],
  overrides: Partial<MlopsSummaryResponse> = {},
): MlopsSummaryResponse {
  return {
    items,
    freshness: [freshCluster()],
    notInstalled: [],
    ...overrides,
  };
}

/**
 * The declared params of a training Pipeline, like the seeded one but shorter:
 * `model-name` from the model, `notebook-path` required, two with defaults.
 *
 * @internal
 */
export function pipelineParamsResponse(
  params: MlopsPipelineParamSpec[] = [
    {
      name: 'model-name',
      type: 'string',
      description: 'Model to train',
      fromModel: 'anomaly-detector',
      required: false,
    },
    {
      name: 'notebook-path',
      type: 'string',
      description: 'Training notebook path in the git repository',
      required: true,
    },
    {
      name: 'data-source',
      type: 'string',
      default: 'synthetic',
      enum: ['synthetic', 'prometheus', 'hybrid'],
      required: false,
    },
    {
      name: 'health-check-enabled',
      type: 'string',
      default: 'true',
      enum: ['true', 'false'],
      required: false,
    },
  ],
): MlopsTrainingPipelineParamsResponse {
  return {
    entityRef: 'component:default/anomaly-detector',
    cluster: 'dev',
    namespace: 'mlops-demo',
    pipeline: 'model-training-pipeline',
    params,
  };
}
