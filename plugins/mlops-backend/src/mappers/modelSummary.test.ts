import { toModelSummary } from './modelSummary';
import {
  aBuild,
  anInferenceService,
  aPipelineRun,
  at,
  aValidationJob,
  condition,
} from './testFixtures';

const REF = 'component:default/anomaly-detector';

describe('toModelSummary', () => {
  it('summarises the newest run, the service, the newest build and validation', () => {
    const summary = toModelSummary({
      entityRef: REF,
      cluster: 'dev',
      namespace: 'mlops-demo',
      pipelineRuns: [
        aPipelineRun('train-old', {
          createdAt: at(0),
          succeeded: condition('Succeeded', 'True', 'Succeeded'),
          startTime: at(0),
          completionTime: at(100),
        }),
        aPipelineRun('train-new', {
          createdAt: at(1000),
          succeeded: condition('Succeeded', 'False', 'Failed'),
          startTime: at(1000),
          completionTime: at(1300),
        }),
      ],
      inferenceServices: [
        anInferenceService({
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
            lastFailureInfo: {
              reason: 'ModelLoadFailed',
              message: 'ValueError: cannot load model.joblib',
              exitCode: 1,
            },
          },
        }),
      ],
      builds: [
        aBuild(
          'bc',
          2,
          { phase: 'Failed', completionTimestamp: at(500) },
          { createdAt: at(400) },
        ),
        aBuild(
          'bc',
          1,
          { phase: 'Complete', completionTimestamp: at(300) },
          { createdAt: at(200) },
        ),
      ],
      validationJobs: [
        aValidationJob(
          'train-anomaly-detector-1',
          {
            phase: 'Failed',
            completionTime: at(900),
            conditions: [
              condition('Ready', 'False', 'DependencyInstallFailed'),
            ],
          },
          { createdAt: at(800) },
        ),
        aValidationJob(
          'train-anomaly-detector-0',
          { phase: 'Succeeded' },
          { createdAt: at(0) },
        ),
      ],
    });
    expect(summary).toEqual({
      entityRef: REF,
      cluster: 'dev',
      namespace: 'mlops-demo',
      lastTraining: {
        name: 'train-new',
        status: 'Failed',
        startedAt: at(1000),
        completedAt: at(1300),
      },
      serving: {
        name: 'anomaly-detector',
        ready: 'False',
        failingCondition: {
          type: 'PredictorReady',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
        modelState: {
          state: 'FailedToLoad',
          loadFailure: {
            reason: 'ModelLoadFailed',
            message: 'ValueError: cannot load model.joblib',
            exitCode: 1,
          },
          active: '',
          target: 'FailedToLoad',
          transitionStatus: 'BlockedByFailedLoad',
          lastFailure: {
            reason: 'ModelLoadFailed',
            message: 'ValueError: cannot load model.joblib',
            exitCode: 1,
          },
        },
      },
      lastBuild: {
        name: 'bc-2',
        phase: 'Failed',
        status: 'Failed',
        completedAt: at(500),
      },
      lastValidation: {
        name: 'train-anomaly-detector-1',
        phase: 'Failed',
        status: 'Failed',
        errorCategory: 'dependency_install_failed',
        completedAt: at(900),
      },
    });
  });

  it('shows a run that is still going, without a completion', () => {
    const summary = toModelSummary({
      entityRef: REF,
      pipelineRuns: [
        aPipelineRun('train-x', {
          succeeded: condition('Succeeded', 'Unknown', 'Running'),
          startTime: at(0),
        }),
      ],
    });
    expect(summary.lastTraining).toEqual({
      name: 'train-x',
      status: 'Running',
      startedAt: at(0),
    });
  });

  it('says only what it knows when the model has nothing yet', () => {
    expect(toModelSummary({ entityRef: REF, namespace: 'mlops-demo' })).toEqual(
      {
        entityRef: REF,
        namespace: 'mlops-demo',
      },
    );
  });

  it('reports a problem instead of objects', () => {
    expect(
      toModelSummary({
        entityRef: REF,
        problem: 'annotation mlops.backstage.io/namespace is missing',
        pipelineRuns: [aPipelineRun('train-x')],
      }),
    ).toEqual({
      entityRef: REF,
      problem: 'annotation mlops.backstage.io/namespace is missing',
    });
  });
});
