import { errorCategoryFromConditions } from './validationErrorCategory';
import { toValidationJobSummary } from './validationJob';
import { validationJobStatus } from './validationStatus';
import { aValidationJob, at, condition } from './testFixtures';

describe('validationJobStatus', () => {
  it.each([
    [undefined, 'Pending'],
    ['Initializing', 'Pending'],
    ['Pending', 'Pending'], // legacy
    ['Building', 'Running'],
    ['BuildComplete', 'Running'],
    ['ValidationRunning', 'Running'],
    ['Running', 'Running'], // legacy
    ['SomethingNew', 'Running'],
    ['Succeeded', 'Succeeded'],
    ['Failed', 'Failed'],
  ])('phase %s → %s', (phase, expected) => {
    expect(validationJobStatus(phase)).toBe(expected);
  });
});

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
        conditions: [
          condition('BuildReady', 'True', 'BuildComplete', 'Image built'),
          condition('ValidationComplete', 'True', 'ValidationComplete'),
          condition('Ready', 'True', 'Succeeded'),
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
          type: 'BuildReady',
          status: 'True',
          reason: 'BuildComplete',
          message: 'Image built',
          lastTransitionTime: '2026-05-01T10:00:00Z',
        },
        expect.objectContaining({ type: 'ValidationComplete', status: 'True' }),
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      ],
      cells: [
        { index: 0, status: 'Skipped' },
        { index: 1, status: 'Success', durationSeconds: 1.234 },
        { index: 2, status: 'Success', durationSeconds: 123.5 },
      ],
      build: {
        phase: 'Complete',
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

  it('maps the seeded dependency failure with its failing cell', () => {
    const nvj = aValidationJob('forecast-capacity-validation', {
      phase: 'Failed',
      startTime: at(0),
      completionTime: at(60),
      message:
        "Validation failed: ModuleNotFoundError: No module named 'xgboost'",
      conditions: [
        condition('ValidationComplete', 'False', 'DependencyInstallFailed'),
        condition('Ready', 'False', 'DependencyInstallFailed'),
        condition('Progressing', 'False', 'DependencyInstallFailed'),
      ],
      results: [
        { cellIndex: 0, status: 'Skipped' },
        {
          cellIndex: 1,
          status: 'Failure',
          executionTime: '0.512s',
          errorMessage: "ModuleNotFoundError: No module named 'xgboost'",
        },
      ],
    });
    const summary = toValidationJobSummary(nvj);
    expect(summary).toMatchObject({
      phase: 'Failed',
      status: 'Failed',
      errorCategory: 'dependency_install_failed',
      cells: [
        { index: 0, status: 'Skipped' },
        {
          index: 1,
          status: 'Failure',
          durationSeconds: 0.512,
          error: "ModuleNotFoundError: No module named 'xgboost'",
        },
      ],
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
      buildName: 'x-build-1',
      strategy: 's2i',
    });
    expect(summary.cells).toEqual([{ index: 0, status: 'Unknown' }]);
  });
});

describe('errorCategoryFromConditions', () => {
  function failedWith(
    status: Parameters<typeof aValidationJob>[1] = {},
  ): ReturnType<typeof aValidationJob> {
    return aValidationJob('x', { phase: 'Failed', ...status });
  }

  it.each([
    ['DependencyInstallFailed', 'dependency_install_failed'],
    ['EnvironmentSetupFailed', 'environment_setup_failed'],
    ['PodCreationFailed', 'environment_setup_failed'],
    ['NotebookExecutionFailed', 'notebook_execution_failed'],
    ['ConfigurationError', 'configuration_error'],
    ['GitCloneFailed', 'configuration_error'],
    ['GitAuthenticationFailed', 'configuration_error'],
    ['RBACPermissionDenied', 'configuration_error'],
    ['TaskNotFound', 'configuration_error'],
    ['ParameterMismatch', 'configuration_error'],
    ['BuildFailed', 'build_failed'],
  ])('reason %s → %s', (reason, category) => {
    expect(
      errorCategoryFromConditions(
        failedWith({ conditions: [condition('Ready', 'False', reason)] }),
      ),
    ).toBe(category);
  });

  it('prefers the most specific condition', () => {
    expect(
      errorCategoryFromConditions(
        failedWith({
          conditions: [
            condition('Ready', 'False', 'ConfigurationError'),
            condition('ValidationComplete', 'False', 'NotebookExecutionFailed'),
          ],
        }),
      ),
    ).toBe('notebook_execution_failed');
  });

  it('reads a generic pod failure from the message, as the operator script would', () => {
    expect(
      errorCategoryFromConditions(
        failedWith({
          message:
            "Validation pod failed: Error - exit code 1. Log error: ModuleNotFoundError: No module named 'xgboost'",
          conditions: [condition('ValidationReady', 'False', 'PodFailed')],
        }),
      ),
    ).toBe('dependency_install_failed');
    expect(
      errorCategoryFromConditions(
        failedWith({
          conditions: [
            condition(
              'ValidationReady',
              'False',
              'PodFailed',
              "PermissionError: [Errno 13] Permission denied: '/home/jovyan/.local'",
            ),
          ],
        }),
      ),
    ).toBe('environment_setup_failed');
    expect(
      errorCategoryFromConditions(
        failedWith({
          results: [
            {
              cellIndex: 2,
              status: 'Failure',
              errorMessage: 'ImportError: cannot import name x',
            },
          ],
        }),
      ),
    ).toBe('dependency_install_failed');
  });

  it('falls back to build_failed when the build failed, then to unknown', () => {
    expect(
      errorCategoryFromConditions(
        failedWith({ buildStatus: { phase: 'Failed' } }),
      ),
    ).toBe('build_failed');
    expect(
      errorCategoryFromConditions(
        failedWith({
          message: 'Validation failed: ValueError: bad input',
          conditions: [condition('Ready', 'False', 'Failed')],
        }),
      ),
    ).toBe('unknown');
  });

  it('is none for a success and undefined while running', () => {
    expect(
      errorCategoryFromConditions(aValidationJob('x', { phase: 'Succeeded' })),
    ).toBe('none');
    expect(
      errorCategoryFromConditions(
        aValidationJob('x', { phase: 'ValidationRunning' }),
      ),
    ).toBeUndefined();
  });
});
