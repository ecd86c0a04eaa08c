import { toValidationJobSummary } from './validationJob';
import { aValidationJob, at, condition } from './testFixtures';

describe('toValidationJobSummary', () => {
  it('maps a job that built its image with S2I and succeeded', () => {
    const nvj = aValidationJob(
      'anomaly-detector-validation',
      {
        phase: 'Succeeded',
        startTime: at(0),
        completionTime: at(400),
        message:
          'Validation completed: 5/5 cells succeeded (100.0% success rate)',
        validationPodName: 'anomaly-detector-validation-validation',
        // The operator sets Ready once (False, Initializing) and never again.
        conditions: [
          condition(
            'Ready',
            'False',
            'Initializing',
            'NotebookValidationJob is initializing',
          ),
          condition('ValidationComplete', 'True', 'ValidationComplete'),
        ],
        results: [
          { cellIndex: 1, status: 'Success', executionTime: '1.234s' },
          { cellIndex: 0, status: 'Skipped' },
          { cellIndex: 2, status: 'Success', executionTime: '2m3.5s' },
        ],
        buildStatus: {
          phase: 'Complete',
          buildName: 'anomaly-detector-validation-build-1',
          strategy: 's2i',
          message: 'Build completed successfully',
          imageReference:
            'image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-validation-build:latest',
          startTime: at(10),
          completionTime: at(210),
          duration: '3m20s',
        },
      },
      { buildStrategy: 's2i' },
    );
    expect(toValidationJobSummary(nvj)).toEqual({
      name: 'anomaly-detector-validation',
      phase: 'Succeeded',
      status: 'Succeeded',
      notebookPath:
        'notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb',
      gitUrl: 'https://github.com/backstage-mlops/demo-models.git',
      gitRef: 'main',
      createdAt: '2026-05-01T10:00:00Z',
      startedAt: at(0),
      completedAt: at(400),
      durationSeconds: 400,
      message:
        'Validation completed: 5/5 cells succeeded (100.0% success rate)',
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'Initializing',
          message: 'NotebookValidationJob is initializing',
          lastTransitionTime: '2026-05-01T10:00:00Z',
        },
        expect.objectContaining({ type: 'ValidationComplete', status: 'True' }),
      ],
      cells: [
        { index: 0, status: 'Skipped' },
        { index: 1, status: 'Success', durationSeconds: 1.234 },
        { index: 2, status: 'Success', durationSeconds: 123.5 },
      ],
      build: {
        phase: 'Complete',
        status: 'Succeeded',
        buildName: 'anomaly-detector-validation-build-1',
        imageReference:
          'image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-validation-build:latest',
        message: 'Build completed successfully',
        durationSeconds: 200,
        strategy: 's2i',
      },
      errorCategory: 'none',
      validationPodName: 'anomaly-detector-validation-validation',
    });
  });

  it('maps a failed validation pod: no per-cell results, the retries and the operator message as cause', () => {
    const message =
      "Validation failed after 3 retries: Validation pod failed: Unknown - . Log error: ModuleNotFoundError: No module named 'xgboost'. Suggested action: Container failed with exit code 1. Check logs for details.";
    const nvj = aValidationJob('forecast-capacity-validation', {
      phase: 'Failed',
      startTime: at(0),
      completionTime: at(60),
      retryCount: 3,
      message,
      conditions: [
        condition('Ready', 'False', 'Initializing'),
        condition('ValidationComplete', 'False', 'PodFailed', message),
      ],
    });
    const summary = toValidationJobSummary(nvj);
    expect(summary).toMatchObject({
      phase: 'Failed',
      status: 'Failed',
      errorCategory: 'dependency_install_failed',
      cells: [],
      retryCount: 3,
      cause: { reason: 'PodFailed', message },
    });
    expect(summary.build).toBeUndefined();
    expect(JSON.parse(JSON.stringify(summary))).toStrictEqual(summary);
  });

  it('uses the category parsed from the pod log when given', () => {
    const nvj = aValidationJob('x', {
      phase: 'Failed',
      conditions: [condition('ValidationReady', 'False', 'PodFailed')],
    });
    expect(
      toValidationJobSummary(nvj, 'validation_strict_mode_failure')
        .errorCategory,
    ).toBe('validation_strict_mode_failure');
  });

  it('maps a job that was just created', () => {
    const summary = toValidationJobSummary(
      aValidationJob('train-x-1718000000'),
    );
    expect(summary).toMatchObject({
      phase: 'Pending',
      status: 'Pending',
      cells: [],
      conditions: [],
    });
    expect(summary.errorCategory).toBeUndefined();
    expect(summary.startedAt).toBeUndefined();
  });

  it.each([
    'Initializing',
    'Building',
    'BuildComplete',
    'ValidationRunning',
    'Pending',
    'Running',
  ])('has no error category while in phase %s', phase => {
    expect(
      toValidationJobSummary(aValidationJob('x', { phase })).errorCategory,
    ).toBeUndefined();
  });

  it('shows a build in progress, and unknown cell statuses', () => {
    const summary = toValidationJobSummary(
      aValidationJob('x', {
        phase: 'Building',
        buildStatus: {
          phase: 'Running',
          buildName: 'x-build-1',
          strategy: 's2i',
          startTime: at(0),
        },
        results: [{ cellIndex: 0, status: 'Exploded' }],
      }),
    );
    expect(summary.status).toBe('Running');
    expect(summary.build).toEqual({
      phase: 'Running',
      status: 'Running',
      buildName: 'x-build-1',
      strategy: 's2i',
    });
    expect(summary.cells).toEqual([{ index: 0, status: 'Unknown' }]);
  });
});
