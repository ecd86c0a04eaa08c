import { toInferenceServiceHealth } from './inferenceService';
import { anInferenceService, condition } from './testFixtures';

const URL = 'http://anomaly-detector-mlops-demo.apps.dev.local';
const INTERNAL =
  'http://anomaly-detector-predictor.mlops-demo.svc.cluster.local';

describe('toInferenceServiceHealth', () => {
  it('maps a Ready raw deployment as KServe writes it', () => {
    const isvc = anInferenceService(
      {
        url: URL,
        address: { url: INTERNAL },
        deploymentMode: 'RawDeployment',
        servingRuntimeName: 'sklearn-runtime',
        conditions: [
          condition('IngressReady', 'True'),
          condition('PredictorReady', 'True'),
          condition('Ready', 'True'),
        ],
        components: { predictor: { url: INTERNAL } },
        modelStatus: {
          transitionStatus: 'UpToDate',
          states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
          copies: { failedCopies: 0, totalCopies: 1 },
        },
      },
      { deploymentMode: 'RawDeployment' },
    );
    expect(toInferenceServiceHealth(isvc)).toEqual({
      name: 'anomaly-detector',
      ready: 'True',
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: '2026-05-01T10:00:00Z',
        },
        {
          type: 'IngressReady',
          status: 'True',
          lastTransitionTime: '2026-05-01T10:00:00Z',
        },
        {
          type: 'PredictorReady',
          status: 'True',
          lastTransitionTime: '2026-05-01T10:00:00Z',
        },
      ],
      url: URL,
      internalUrl: INTERNAL,
      deploymentMode: 'Standard',
      deploymentModeName: 'RawDeployment',
      runtime: 'sklearn-runtime',
      modelFormat: 'sklearn',
      storageUri: 'pvc://model-storage-pvc/anomaly-detector',
      modelState: {
        state: 'Loaded',
        active: 'Loaded',
        target: 'Loaded',
        transitionStatus: 'UpToDate',
      },
      traffic: [],
      createdAt: '2026-05-01T10:00:00Z',
    });
  });

  it('maps a failed load as KServe writes it: in the target state, with the cause by meaning', () => {
    const message =
      "FileNotFoundError: [Errno 2] No such file or directory: '/mnt/models/model.joblib'";
    const health = toInferenceServiceHealth(
      anInferenceService({
        deploymentMode: 'RawDeployment',
        // Sorted by type; the ingress waits for the predictor and set Ready last.
        conditions: [
          condition('IngressReady', 'False', 'Predictor ingress not created'),
          condition(
            'PredictorReady',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
          ),
          condition('Ready', 'False', 'Predictor ingress not created'),
        ],
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: { activeModelState: '', targetModelState: 'FailedToLoad' },
          lastFailureInfo: { reason: 'ModelLoadFailed', message, exitCode: 1 },
        },
      }),
    );
    expect(health.ready).toBe('False');
    expect(health.failingCondition).toEqual({
      type: 'PredictorReady',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    });
    expect(health.modelState).toEqual({
      state: 'FailedToLoad',
      loadFailure: { reason: 'ModelLoadFailed', message, exitCode: 1 },
      active: '',
      target: 'FailedToLoad',
      transitionStatus: 'BlockedByFailedLoad',
      lastFailure: { reason: 'ModelLoadFailed', message, exitCode: 1 },
    });
    expect(health.url).toBeUndefined();
    expect(JSON.parse(JSON.stringify(health))).toStrictEqual(health);
  });

  it.each([
    ['RawDeployment', 'Standard'],
    ['Standard', 'Standard'],
    ['Serverless', 'Knative'],
    ['Knative', 'Knative'],
    ['ModelMesh', 'ModelMesh'],
    ['rawdeployment', 'Standard'],
  ])('names deployment mode %s %s', (name, mode) => {
    const health = toInferenceServiceHealth(
      anInferenceService({ deploymentMode: name }),
    );
    expect(health.deploymentMode).toBe(mode);
    expect(health.deploymentModeName).toBe(name);
  });

  it('falls back to the annotation for the mode and keeps unknown names raw', () => {
    expect(
      toInferenceServiceHealth(
        anInferenceService(undefined, { deploymentMode: 'Serverless' }),
      ),
    ).toMatchObject({
      deploymentMode: 'Knative',
      deploymentModeName: 'Serverless',
    });
    const odd = toInferenceServiceHealth(
      anInferenceService({ deploymentMode: 'Sideways' }),
    );
    expect(odd.deploymentMode).toBeUndefined();
    expect(odd.deploymentModeName).toBe('Sideways');
  });

  it('maps a Knative service with traffic split across revisions', () => {
    const health = toInferenceServiceHealth(
      anInferenceService({
        url: URL,
        deploymentMode: 'Serverless',
        conditions: [condition('Ready', 'True')],
        components: {
          predictor: {
            traffic: [
              {
                revisionName: 'anomaly-detector-predictor-00002',
                percent: 10,
                tag: 'latest',
                latestRevision: true,
              },
              {
                revisionName: 'anomaly-detector-predictor-00001',
                percent: 90,
                tag: 'prev',
                latestRevision: false,
              },
            ],
          },
        },
      }),
    );
    expect(health.traffic).toEqual([
      {
        revision: 'anomaly-detector-predictor-00002',
        percent: 10,
        tag: 'latest',
        latest: true,
      },
      {
        revision: 'anomaly-detector-predictor-00001',
        percent: 90,
        tag: 'prev',
        latest: false,
      },
    ]);
  });

  it('names the condition that keeps a service from Ready', () => {
    const waiting = toInferenceServiceHealth(
      anInferenceService({
        conditions: [
          condition(
            'PredictorReady',
            'Unknown',
            undefined,
            'Waiting for predictor deployment to become ready',
          ),
          condition('IngressReady', 'Unknown'),
          condition(
            'Ready',
            'Unknown',
            undefined,
            'Waiting for predictor deployment to become ready',
          ),
        ],
      }),
    );
    expect(waiting.failingCondition).toEqual({
      type: 'PredictorReady',
      message: 'Waiting for predictor deployment to become ready',
    });

    const readyOnly = toInferenceServiceHealth(
      anInferenceService({
        conditions: [condition('Ready', 'False', 'RevisionMissing')],
      }),
    );
    expect(readyOnly.failingCondition).toEqual({
      type: 'Ready',
      reason: 'RevisionMissing',
    });

    const stopped = toInferenceServiceHealth(
      anInferenceService({
        conditions: [
          condition('PredictorReady', 'False', 'Stopped'),
          condition(
            'Stopped',
            'True',
            'Stopped',
            'InferenceService is stopped',
          ),
          condition('Ready', 'False', 'Stopped'),
        ],
      }),
    );
    expect(stopped.failingCondition).toEqual({
      type: 'Stopped',
      reason: 'Stopped',
      message: 'InferenceService is stopped',
    });
  });

  it('maps a service without status', () => {
    const health = toInferenceServiceHealth(anInferenceService());
    expect(health).toEqual({
      name: 'anomaly-detector',
      ready: 'Unknown',
      conditions: [],
      runtime: 'sklearn-runtime',
      modelFormat: 'sklearn',
      storageUri: 'pvc://model-storage-pvc/anomaly-detector',
      traffic: [],
      createdAt: '2026-05-01T10:00:00Z',
    });
  });

  it('reads the model format of the framework shorthand and the status runtime', () => {
    const isvc = anInferenceService({
      clusterServingRuntimeName: 'kserve-xgbserver',
    });
    isvc.spec.predictor = { form: 'xgboost', storageUri: 's3://models/x' };
    expect(toInferenceServiceHealth(isvc)).toMatchObject({
      modelFormat: 'xgboost',
      runtime: 'kserve-xgbserver',
    });
  });
});
