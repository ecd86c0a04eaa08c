import type { MlopsErrorCategory } from './errorCategories';

const CATEGORY_BY_REASON: Readonly<Record<string, MlopsErrorCategory>> = {
  DependencyInstallFailed: 'dependency_install_failed',
  EnvironmentSetupFailed: 'environment_setup_failed',
  PodCreationFailed: 'environment_setup_failed',
  NotebookExecutionFailed: 'notebook_execution_failed',
  ConfigurationError: 'configuration_error',
  GitCloneFailed: 'configuration_error',
  GitAuthenticationFailed: 'configuration_error',
  RBACPermissionDenied: 'configuration_error',
  TaskNotFound: 'configuration_error',
  ParameterMismatch: 'configuration_error',
  BuildFailed: 'build_failed',
};

/**
 * The error category that a NotebookValidationJob condition reason stands for, e.g.
 * `DependencyInstallFailed` → `dependency_install_failed`, `GitAuthenticationFailed` →
 * `configuration_error`, `BuildFailed` → `build_failed`. Reasons that say only that
 * something failed (`Failed`, `ValidationFailed`, `ValidationTimeout`, …) and
 * non-failure reasons give `undefined`.
 *
 * @public
 */
export function mlopsErrorCategoryFromReason(
  reason: string | undefined,
): MlopsErrorCategory | undefined {
  if (!reason) {
    return undefined;
  }
  return Object.prototype.hasOwnProperty.call(CATEGORY_BY_REASON, reason)
    ? CATEGORY_BY_REASON[reason]
    : undefined;
}

const DEPENDENCY_ERROR =
  /\b(ModuleNotFoundError|ImportError|No module named|Could not install packages|Pip installation failed)\b/i;
const ENVIRONMENT_ERROR = /\b(PermissionError|Permission denied)\b/i;

/**
 * Classifies an error text the way the operator's validation script does: a
 * `ModuleNotFoundError` or `ImportError` (or a failed pip install) is
 * `dependency_install_failed`, a `PermissionError` is `environment_setup_failed`.
 * Any other text gives `undefined`.
 *
 * @public
 */
export function mlopsErrorCategoryFromMessage(
  text: string | undefined,
): MlopsErrorCategory | undefined {
  if (!text) {
    return undefined;
  }
  if (DEPENDENCY_ERROR.test(text)) {
    return 'dependency_install_failed';
  }
  if (ENVIRONMENT_ERROR.test(text)) {
    return 'environment_setup_failed';
  }
  return undefined;
}
