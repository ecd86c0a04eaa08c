import { toSlimBuild } from './toSlimBuild';
import { toSlimBuildConfig } from './toSlimBuildConfig';
import { toSlimInferenceService } from './toSlimInferenceService';
import { toSlimNotebookValidationJob } from './toSlimNotebookValidationJob';
import { toSlimWorkbench } from './toSlimWorkbench';

const metadata = (name: string) => ({
  name,
  namespace: 'mlops-demo',
  uid: `uid-${name}`,
  resourceVersion: '1',
  managedFields: [{}],
});

describe('slim InferenceService', () => {
  const status = {
    url: 'http://anomaly-detector-mlops-demo.apps.dev.local',
    address: {
      url: 'http://anomaly-detector-predictor.mlops-demo.svc.cluster.local',
    },
    deploymentMode: 'RawDeployment',
    servingRuntimeName: 'sklearn-runtime',
    conditions: [{ type: 'Ready', status: 'False', reason: 'ModelLoadFailed' }],
    components: {
      predictor: {
        latestReadyRevision: 'r-2',
        restUrl: 'http://x',
        traffic: [{ revisionName: 'r-2', percent: 100, latestRevision: true }],
      },
    },
    modelStatus: {
      transitionStatus: 'BlockedByFailedLoad',
      states: { activeModelState: 'FailedToLoad', targetModelState: 'Loaded' },
      lastFailureInfo: {
        reason: 'ModelLoadFailed',
        message: 'no model.pkl',
        exitCode: 1,
      },
      copies: { failedCopies: 1, totalCopies: 1 },
    },
    observedGeneration: 2,
  };

  it('detects the model form with its format and runtime', () => {
    const isvc = toSlimInferenceService({
      metadata: metadata('anomaly-detector'),
      spec: {
        predictor: {
          minReplicas: 1,
          maxReplicas: 2,
          annotations: { 'mlops.dev/restartedAt': '2026-01-01T00:00:00Z' },
          model: {
            modelFormat: { name: 'sklearn', version: '1' },
            runtime: 'sklearn-runtime',
            storageUri: 'pvc://model-storage-pvc/anomaly-detector',
            resources: { limits: { cpu: '4' } },
          },
        },
        transformer: { containers: [{ image: 'x' }] },
      },
      status,
    })!;
    expect(isvc.spec.predictor).toEqual({
      form: 'model',
      modelFormat: { name: 'sklearn', version: '1' },
      runtime: 'sklearn-runtime',
      storageUri: 'pvc://model-storage-pvc/anomaly-detector',
      minReplicas: 1,
      maxReplicas: 2,
      annotations: { 'mlops.dev/restartedAt': '2026-01-01T00:00:00Z' },
    });
    expect(isvc.status).toEqual({
      url: status.url,
      address: status.address,
      deploymentMode: 'RawDeployment',
      servingRuntimeName: 'sklearn-runtime',
      conditions: status.conditions,
      components: {
        predictor: {
          latestReadyRevision: 'r-2',
          traffic: [
            { revisionName: 'r-2', percent: 100, latestRevision: true },
          ],
        },
      },
      modelStatus: status.modelStatus,
    });
  });

  it('detects a framework shorthand and the pod-style form', () => {
    const shorthand = toSlimInferenceService({
      metadata: metadata('a'),
      spec: {
        predictor: {
          sklearn: { storageUri: 's3://b/m', image: 'kserve/sklearnserver:v1' },
          canaryTrafficPercent: 10,
        },
      },
    })!;
    expect(shorthand.spec.predictor).toEqual({
      form: 'sklearn',
      modelFormat: { name: 'sklearn' },
      storageUri: 's3://b/m',
      image: 'kserve/sklearnserver:v1',
      canaryTrafficPercent: 10,
    });
    const pod = toSlimInferenceService({
      metadata: metadata('b'),
      spec: {
        predictor: {
          containers: [
            { name: 'kserve-container', image: 'quay.io/acme/model:2' },
          ],
        },
      },
    })!;
    expect(pod.spec.predictor).toEqual({
      form: 'containers',
      image: 'quay.io/acme/model:2',
    });
    expect(
      toSlimInferenceService({ metadata: metadata('c'), spec: {} })!.spec
        .predictor,
    ).toEqual({});
  });
});

describe('slim workbench', () => {
  const notebook = (containers: unknown[]) => ({
    metadata: {
      ...metadata('anomaly-detector-workbench'),
      annotations: { 'kubeflow-resource-stopped': '2026-01-01T00:00:00Z' },
    },
    spec: { template: { spec: { containers, volumes: [{ name: 'v' }] } } },
    status: {
      conditions: [{ type: 'Running', status: 'True', lastProbeTime: 'x' }],
      readyReplicas: 0,
      containerState: { waiting: { reason: 'ContainerCreating' } },
    },
  });

  it('extracts the image and GPU count of the container named like the Notebook', () => {
    const wb = toSlimWorkbench(
      notebook([
        { name: 'oauth-proxy', image: 'proxy:1' },
        {
          name: 'anomaly-detector-workbench',
          image: 'registry/mlops-demo/anomaly-detector-notebook:latest',
          resources: { limits: { 'nvidia.com/gpu': '2', cpu: '4' } },
          env: [{ name: 'X', value: 'y' }],
        },
      ]),
    )!;
    expect(wb.spec).toEqual({
      image: 'registry/mlops-demo/anomaly-detector-notebook:latest',
      gpu: 2,
    });
    expect(wb.metadata.annotations).toEqual({
      'kubeflow-resource-stopped': '2026-01-01T00:00:00Z',
    });
    expect(wb.status).toEqual({
      conditions: [{ type: 'Running', status: 'True', lastProbeTime: 'x' }],
      readyReplicas: 0,
      containerState: { waiting: { reason: 'ContainerCreating' } },
    });
  });

  it('falls back to the first container and 0 GPUs', () => {
    expect(
      toSlimWorkbench(notebook([{ name: 'main', image: 'img:1' }]))!.spec,
    ).toEqual({ image: 'img:1', gpu: 0 });
    expect(toSlimWorkbench(notebook([]))!.spec).toEqual({ gpu: 0 });
  });
});

describe('slim NotebookValidationJob', () => {
  it('keeps phase, per-cell results with their output cut to 4,000 characters, and the build status', () => {
    const nvj = toSlimNotebookValidationJob({
      metadata: metadata('forecast-capacity-validation'),
      spec: {
        notebook: {
          git: {
            url: 'https://github.com/acme/models.git',
            ref: 'main',
            credentialsSecret: 's',
          },
          path: 'notebooks/train.ipynb',
        },
        podConfig: {
          containerImage: 'quay.io/jupyter/minimal-notebook:latest',
          buildConfig: {
            enabled: true,
            strategy: 's2i',
            baseImage: 'b',
            autoGenerateRequirements: true,
          },
          env: [{ name: 'SECRET', valueFrom: {} }],
        },
        timeout: '30m',
        goldenNotebook: { path: 'x' },
      },
      status: {
        phase: 'Failed',
        message: 'dependency_install_failed',
        retryCount: 1,
        results: [
          {
            cellIndex: 0,
            status: 'Success',
            executionTime: '1s',
            output: 'x'.repeat(10000),
          },
          {
            cellIndex: 1,
            status: 'Failure',
            errorMessage: 'ModuleNotFoundError',
          },
        ],
        buildStatus: {
          phase: 'Complete',
          imageReference: 'img@sha256:1',
          buildName: 'b-1',
          duration: '2m',
        },
      },
    })!;
    expect(nvj.spec).toEqual({
      notebook: {
        git: { url: 'https://github.com/acme/models.git', ref: 'main' },
        path: 'notebooks/train.ipynb',
      },
      podConfig: {
        containerImage: 'quay.io/jupyter/minimal-notebook:latest',
        buildConfig: { enabled: true, strategy: 's2i', baseImage: 'b' },
      },
      timeout: '30m',
    });
    expect(nvj.status).toEqual({
      phase: 'Failed',
      message: 'dependency_install_failed',
      retryCount: 1,
      results: [
        {
          cellIndex: 0,
          status: 'Success',
          executionTime: '1s',
          output: `${'x'.repeat(4000)}… (truncated)`,
        },
        {
          cellIndex: 1,
          status: 'Failure',
          errorMessage: 'ModuleNotFoundError',
        },
      ],
      buildStatus: {
        phase: 'Complete',
        imageReference: 'img@sha256:1',
        buildName: 'b-1',
        duration: '2m',
      },
    });
  });
});

describe('slim OpenShift builds', () => {
  it('slims a Build and a BuildConfig', () => {
    expect(
      toSlimBuild({
        metadata: metadata('forecast-capacity-notebook-3'),
        spec: {
          strategy: { type: 'Docker', dockerStrategy: {} },
          source: { git: { uri: 'u' } },
          revision: {
            type: 'Git',
            git: {
              commit: 'c0ffee',
              message: 'm',
              author: { name: 'Ada', email: 'ada@example.com' },
              committer: { name: 'Bob', email: 'bob@example.com' },
            },
          },
        },
        status: {
          phase: 'Failed',
          reason: 'DockerBuildFailed',
          startTimestamp: 'a',
          completionTimestamp: 'b',
          duration: 61000000000,
          outputDockerImageReference: 'registry/x:latest',
          output: { to: { imageDigest: 'sha256:1' } },
          config: {
            kind: 'BuildConfig',
            name: 'forecast-capacity-notebook',
            namespace: 'mlops-demo',
          },
          logSnippet: 'error: ...',
          stages: [{ name: 'FetchInputs' }],
        },
      }),
    ).toEqual({
      metadata: expect.objectContaining({
        name: 'forecast-capacity-notebook-3',
      }),
      spec: {
        strategy: { type: 'Docker' },
        source: { git: { uri: 'u' } },
        revision: {
          git: {
            commit: 'c0ffee',
            message: 'm',
            author: { name: 'Ada', email: 'ada@example.com' },
          },
        },
      },
      status: {
        phase: 'Failed',
        reason: 'DockerBuildFailed',
        startTimestamp: 'a',
        completionTimestamp: 'b',
        duration: 61000000000,
        outputDockerImageReference: 'registry/x:latest',
        output: { to: { imageDigest: 'sha256:1' } },
        config: { name: 'forecast-capacity-notebook', namespace: 'mlops-demo' },
        logSnippet: 'error: ...',
        stages: [{ name: 'FetchInputs' }],
      },
    });
    expect(
      toSlimBuildConfig({
        metadata: metadata('forecast-capacity-notebook'),
        spec: {
          source: {
            type: 'Git',
            git: { uri: 'https://github.com/acme/models.git', ref: 'main' },
            contextDir: 'notebooks',
          },
          strategy: {
            type: 'Docker',
            dockerStrategy: { dockerfilePath: 'Dockerfile' },
          },
          output: {
            to: {
              kind: 'ImageStreamTag',
              name: 'forecast-capacity-notebook:latest',
            },
          },
          runPolicy: 'Serial',
          triggers: [{ type: 'ConfigChange' }],
        },
        status: { lastVersion: 3 },
      }),
    ).toEqual({
      metadata: expect.objectContaining({ name: 'forecast-capacity-notebook' }),
      spec: {
        source: {
          type: 'Git',
          git: { uri: 'https://github.com/acme/models.git', ref: 'main' },
          contextDir: 'notebooks',
        },
        strategy: { type: 'Docker' },
        output: {
          to: {
            kind: 'ImageStreamTag',
            name: 'forecast-capacity-notebook:latest',
          },
        },
        runPolicy: 'Serial',
      },
      status: { lastVersion: 3 },
    });
  });
});
