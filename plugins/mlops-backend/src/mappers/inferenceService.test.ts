import { toInferenceServiceHealth } from './inferenceService';
import { anInferenceService, at, condition } from './testFixtures';

const URL = 'http://anomaly-detector-mlops-demo.apps.dev.local';
const INTERNAL =
  'http://anomaly-detector-predictor.mlops-demo.svc.cluster.local';

describe('toInferenceServiceHealth', () => {
  it('maps a Ready raw deployment as the simulator leaves it', () => {
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
        active: 'Loaded',
        target: 'Loaded',
        transitionStatus: 'UpToDate',
      },
      traffic: [],
      createdAt: '2026-05-01T10:00:00Z',
    });
  });

  it('maps FailedToLoad with the last failure and the failing sub-condition', () => {
    const health = toInferenceServiceHealth(
      anInferenceService({
        deploymentMode: 'RawDeployment',
        conditions: [
          condition(
            'PredictorReady',
            'False',
            'ModelLoadFailed',
            'Model failed to load',
          ),
          condition('IngressReady', 'True'),
          condition(
            'Ready',
            'False',
            'ModelLoadFailed',
            'Model failed to load',
          ),
        ],
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: {
            activeModelState: 'FailedToLoad',
            targetModelState: 'FailedToLoad',
          },
          lastFailureInfo: {
            location: 'predictive-analytics-predictor-1a2b3c4d',
            reason: 'ModelLoadFailed',
            message:
              'Failed to load model: /mnt/models/predictive-analytics/model.pkl: file not found or corrupted (expected a single .pkl/.joblib)',
            modelRevisionName: 'predictive-analytics-predictor',
            time: at(40),
            exitCode: 1,
          },
        },
      }),
    );
    expect(health.ready).toBe('False');
    expect(health.failingCondition).toEqual({
      type: 'PredictorReady',
      reason: 'ModelLoadFailed',
      message: 'Model failed to load',
    });
    expect(health.modelState).toEqual({
      active: 'FailedToLoad',
      target: 'FailedToLoad',
      transitionStatus: 'BlockedByFailedLoad',
      lastFailure: {
        reason: 'ModelLoadFailed',
        message:
          'Failed to load model: /mnt/models/predictive-analytics/model.pkl: file not found or corrupted (expected a single .pkl/.joblib)',
        time: at(40),
        location: 'predictive-analytics-predictor-1a2b3c4d',
        exitCode: 1,
      },
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
