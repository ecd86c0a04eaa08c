import {
  mlopsErrorCategoryFromMessage,
  mlopsErrorCategoryFromReason,
} from './errorCategoryFromReason';

describe('mlopsErrorCategoryFromReason', () => {
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
  ])('maps %s to %s', (reason, category) => {
    expect(mlopsErrorCategoryFromReason(reason)).toBe(category);
  });

  it.each([
    'Failed',
    'PodFailed',
    'ValidationFailed',
    'ValidationTimeout',
    'Succeeded',
    'ValidationInProgress',
    'toString',
    '',
    undefined,
  ])('gives undefined for %p', reason => {
    expect(mlopsErrorCategoryFromReason(reason)).toBeUndefined();
  });
});

describe('mlopsErrorCategoryFromMessage', () => {
  it('classifies like the operator script', () => {
    expect(
      mlopsErrorCategoryFromMessage(
        "ModuleNotFoundError: No module named 'xgboost'",
      ),
    ).toBe('dependency_install_failed');
    expect(
      mlopsErrorCategoryFromMessage('ImportError: cannot import name x'),
    ).toBe('dependency_install_failed');
    expect(
      mlopsErrorCategoryFromMessage(
        "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/home/jovyan/.local'",
      ),
    ).toBe('dependency_install_failed');
    expect(
      mlopsErrorCategoryFromMessage(
        'PermissionError: [Errno 13] Permission denied: /data',
      ),
    ).toBe('environment_setup_failed');
    expect(
      mlopsErrorCategoryFromMessage('ValueError: Input contains NaN'),
    ).toBeUndefined();
    expect(mlopsErrorCategoryFromMessage(undefined)).toBeUndefined();
  });
});
