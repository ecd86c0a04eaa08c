import type { MlopsValidationJobSummary } from '@backstage-mlops/plugin-mlops-common';

/**
 * The run status of a NotebookValidationJob phase: `Succeeded` and `Failed` as such;
 * `Initializing`, the legacy `Pending` and no phase yet are `Pending`; `Building`,
 * `BuildComplete`, `ValidationRunning`, the legacy `Running` and any phase this code
 * does not know (never a final one: the operator has only those two) are `Running`.
 *
 * @internal
 */
export function validationJobStatus(
  phase: string | undefined,
): MlopsValidationJobSummary['status'] {
  switch (phase) {
    case 'Succeeded':
    case 'Failed':
      return phase;
    case undefined:
    case '':
    case 'Initializing':
    case 'Pending':
      return 'Pending';
    default:
      return 'Running';
  }
}
