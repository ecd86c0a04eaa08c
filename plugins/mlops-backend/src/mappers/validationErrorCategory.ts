import {
  mlopsErrorCategoryFromMessage,
  mlopsErrorCategoryFromReason,
  type MlopsErrorCategory,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  SlimCondition,
  SlimNotebookValidationJob,
} from '@backstage-mlops/plugin-mlops-node';
import { validationJobStatus } from './validationStatus';

/** Conditions whose reasons say most about a failure, most specific first. */
const CONDITION_PRIORITY = [
  'ValidationComplete',
  'ValidationReady',
  'BuildReady',
  'Ready',
];

function priority(condition: SlimCondition): number {
  const index = CONDITION_PRIORITY.indexOf(condition.type);
  return index === -1 ? CONDITION_PRIORITY.length : index;
}

/**
 * The error category of a NotebookValidationJob read from its status alone (no pod
 * log): `none` when it succeeded, `undefined` while it runs, and for a failed job the
 * category of the first `False` condition whose reason names one
 * (`ValidationComplete`, `ValidationReady`, `BuildReady`, `Ready`, then the rest), else the
 * category the operator's script would give its message or a cell's error
 * (`ModuleNotFoundError` → `dependency_install_failed`, `PermissionError` →
 * `environment_setup_failed`), else `build_failed` when its image build failed, else
 * `unknown`.
 *
 * @internal
 */
export function errorCategoryFromConditions(
  nvj: SlimNotebookValidationJob,
): MlopsErrorCategory | undefined {
  const status = nvj.status;
  switch (validationJobStatus(status?.phase)) {
    case 'Succeeded':
      return 'none';
    case 'Failed':
      break;
    default:
      return undefined;
  }
  const failing = (status?.conditions ?? [])
    .filter(condition => condition.status === 'False')
    .sort((a, b) => priority(a) - priority(b));
  for (const condition of failing) {
    const category = mlopsErrorCategoryFromReason(condition.reason);
    if (category) {
      return category;
    }
  }
  const texts = [
    status?.message,
    ...failing.map(condition => condition.message),
    ...(status?.results ?? []).map(cell => cell.errorMessage),
  ];
  for (const text of texts) {
    const category = mlopsErrorCategoryFromMessage(text);
    if (category) {
      return category;
    }
  }
  if (status?.buildStatus?.phase === 'Failed') {
    return 'build_failed';
  }
  return 'unknown';
}
