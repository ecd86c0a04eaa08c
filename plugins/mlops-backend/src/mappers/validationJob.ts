import type {
  MlopsErrorCategory,
  MlopsValidationJobSummary,
} from '@backstage-mlops/plugin-mlops-common';
import {
  readValidationJob,
  runTimes,
  type SlimNotebookValidationJob,
  validTime,
} from '@backstage-mlops/plugin-mlops-node';
import { createdAtOf } from './time';

/**
 * A NotebookValidationJob for the wire: what the status vocabulary reads of it
 * (`readValidationJob`), with its notebook, times and pod. `errorCategory` is the
 * category parsed from the validation pod's log (see `parseValidationResultsSummary`)
 * when the caller has it; without it the category comes from the job's status.
 *
 * @internal
 */
export function toValidationJobSummary(
  nvj: SlimNotebookValidationJob,
  errorCategory?: MlopsErrorCategory,
): MlopsValidationJobSummary {
  const reading = readValidationJob(nvj, errorCategory);
  const status = nvj.status;
  const startedAt = validTime(status?.startTime);
  const completedAt = validTime(status?.completionTime);
  const out: MlopsValidationJobSummary = {
    name: nvj.metadata.name,
    phase: reading.phase,
    status: reading.status,
    notebookPath: nvj.spec?.notebook?.path ?? '',
    gitUrl: nvj.spec?.notebook?.git?.url ?? '',
    gitRef: nvj.spec?.notebook?.git?.ref ?? '',
    createdAt: createdAtOf(nvj.metadata, startedAt, completedAt),
    conditions: reading.conditions,
    cells: reading.cells,
  };
  Object.assign(out, runTimes(startedAt, completedAt));
  if (reading.message) {
    out.message = reading.message;
  }
  if (reading.build) {
    out.build = reading.build;
  }
  if (reading.errorCategory) {
    out.errorCategory = reading.errorCategory;
  }
  if (reading.cause) {
    out.cause = reading.cause;
  }
  if (reading.comparison) {
    out.comparison = reading.comparison;
  }
  if (reading.retryCount !== undefined) {
    out.retryCount = reading.retryCount;
  }
  if (status?.validationPodName) {
    out.validationPodName = status.validationPodName;
  }
  return out;
}
