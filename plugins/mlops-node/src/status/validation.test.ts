import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import { validationJobFixtures, type ValidationJobFixture } from './corpus';
import {
  errorCategoryOfReason,
  errorCategoryOfText,
  readValidationJob,
  validationErrorCategoryOf,
  validationJobStatusOf,
  type ValidationJobReading,
} from './validation';
import type { SlimNotebookValidationJob } from '../kinds/notebookValidationJob';

function observe(fixture: ValidationJobFixture, reading: ValidationJobReading) {
  const e = fixture.expect;
  return {
    status: reading.status,
    errorCategory: reading.errorCategory,
    cells: reading.cells.length,
    failedCells:
      e.failedCells === undefined
        ? undefined
        : reading.cells.filter(c => c.status === 'Failure').length,
    comparison: reading.comparison?.result,
    retryCount: reading.retryCount,
    buildPhase: reading.build?.phase,
    cause: reading.cause?.message,
    // The operator leaves Ready False/Initializing for good: never the outcome.
    readyIsNotTheOutcome:
      reading.conditions.find(c => c.type === 'Ready')?.status !== 'True',
  };
}

function expected(fixture: ValidationJobFixture) {
  const e = fixture.expect;
  return {
    status: e.status,
    errorCategory: e.errorCategory,
    cells: e.cells,
    failedCells: e.failedCells,
    comparison: e.comparison,
    retryCount: e.retryCount,
    buildPhase: e.buildPhase,
    cause: e.cause ? expect.stringMatching(e.cause) : undefined,
    readyIsNotTheOutcome: true,
  };
}

describe('the validation vocabulary over the corpus', () => {
  it.each(validationJobFixtures.map(f => [f.id, f] as const))(
    '%s',
    (_id, fixture) => {
      const job = toSlimMlopsObject('notebookvalidationjobs', fixture.object);
      if (!job) throw new Error('the fixture has no valid metadata');
      expect(observe(fixture, readValidationJob(job))).toEqual(
        expected(fixture),
      );
    },
  );
});

describe('the validation vocabulary', () => {
  const failedPod = validationJobFixtures.find(
    f => f.id === 'nvj-pod-failed-after-retries',
  )!;
  const golden = validationJobFixtures.find(
    f => f.id === 'nvj-golden-mismatch',
  )!;

  it('takes the category of the pod log when the caller read it', () => {
    const job = toSlimMlopsObject('notebookvalidationjobs', failedPod.object)!;
    expect(
      readValidationJob(job, 'dependency_install_failed').errorCategory,
    ).toBe('dependency_install_failed');
  });

  it('keeps the status category when the log says none for a failed job', () => {
    const job = toSlimMlopsObject('notebookvalidationjobs', golden.object)!;
    expect(readValidationJob(job, 'none').errorCategory).toBe(
      'golden_notebook_mismatch',
    );
  });

  it('lists the golden-notebook diffs', () => {
    const job = toSlimMlopsObject('notebookvalidationjobs', golden.object)!;
    expect(readValidationJob(job).comparison?.diffs).toEqual([
      expect.objectContaining({
        cellIndex: 3,
        diffType: 'output_mismatch',
        expected: 'accuracy: 0.94',
        actual: 'accuracy: 0.71',
        severity: 'major',
      }),
      expect.objectContaining({ cellIndex: 4, severity: 'minor' }),
    ]);
  });

  it.each([
    ['Succeeded', 'Succeeded'],
    ['Failed', 'Failed'],
    [undefined, 'Pending'],
    ['Initializing', 'Pending'],
    ['Pending', 'Pending'],
    ['Building', 'Running'],
    ['BuildComplete', 'Running'],
    ['ValidationRunning', 'Running'],
    ['Running', 'Running'],
    ['SomethingNew', 'Running'],
  ])('reads the phase %s as %s', (phase, status) => {
    expect(validationJobStatusOf(phase)).toBe(status);
  });

  it.each([
    ['DependencyInstallFailed', 'dependency_install_failed'],
    ['GitAuthenticationFailed', 'configuration_error'],
    ['BuildFailed', 'build_failed'],
    ['PodFailed', undefined],
    [undefined, undefined],
  ])('reads the condition reason %s as %s', (reason, category) => {
    expect(errorCategoryOfReason(reason)).toBe(category);
  });

  it.each([
    ["ModuleNotFoundError: No module named 'x'", 'dependency_install_failed'],
    ['PermissionError: [Errno 13]', 'environment_setup_failed'],
    [
      'Validation pod failed: InitContainerError - fatal',
      'configuration_error',
    ],
    [
      'papermill.exceptions.PapermillExecutionError:',
      'notebook_execution_failed',
    ],
    ['ValueError: NaN', undefined],
  ])('reads the error text %s as %s', (text, category) => {
    expect(errorCategoryOfText(text)).toBe(category);
  });
});

describe('validationErrorCategoryOf', () => {
  function failedWith(
    status: NonNullable<SlimNotebookValidationJob['status']> = {},
  ): SlimNotebookValidationJob {
    return {
      metadata: { name: 'x', namespace: 'ns', uid: 'u', resourceVersion: '1' },
      spec: {
        notebook: { git: { url: 'u', ref: 'main' }, path: 'n.ipynb' },
        podConfig: { containerImage: 'img' },
      },
      status: { phase: 'Failed', ...status },
    };
  }
  const condition = (type: string, reason: string, message?: string) => ({
    type,
    status: 'False',
    reason,
    message,
  });

  it('prefers the most specific condition', () => {
    expect(
      validationErrorCategoryOf(
        failedWith({
          conditions: [
            condition('Ready', 'ConfigurationError'),
            condition('ValidationComplete', 'NotebookExecutionFailed'),
          ],
        }),
      ),
    ).toBe('notebook_execution_failed');
  });

  it('reads a cell error and a condition message as the operator script would', () => {
    expect(
      validationErrorCategoryOf(
        failedWith({
          conditions: [
            condition(
              'ValidationComplete',
              'PodFailed',
              "PermissionError: [Errno 13] Permission denied: '/home/jovyan/.local'",
            ),
          ],
        }),
      ),
    ).toBe('environment_setup_failed');
    expect(
      validationErrorCategoryOf(
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

  it('is notebook_execution_failed for a failed cell it cannot place, and unknown without any evidence', () => {
    expect(
      validationErrorCategoryOf(
        failedWith({
          results: [
            { cellIndex: 1, status: 'Failure', errorMessage: 'ValueError: x' },
          ],
        }),
      ),
    ).toBe('notebook_execution_failed');
    expect(
      validationErrorCategoryOf(
        failedWith({
          message: 'Validation failed: ValueError: bad input',
          conditions: [condition('ValidationComplete', 'PodFailed')],
        }),
      ),
    ).toBe('unknown');
  });

  it('is none for a success and undefined while running', () => {
    expect(validationErrorCategoryOf(failedWith({ phase: 'Succeeded' }))).toBe(
      'none',
    );
    expect(
      validationErrorCategoryOf(failedWith({ phase: 'ValidationRunning' })),
    ).toBeUndefined();
  });
});
