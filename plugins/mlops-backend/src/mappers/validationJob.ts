import type {
  MlopsCellResult,
  MlopsErrorCategory,
  MlopsValidationBuild,
  MlopsValidationJobSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimNotebookValidationJob } from '@backstage-mlops/plugin-mlops-node';
import { toMlopsCondition } from './conditions';
import {
  createdAtOf,
  parseGoDuration,
  secondsBetween,
  validTime,
} from './time';
import { errorCategoryFromConditions } from './validationErrorCategory';
import { validationJobStatus } from './validationStatus';

type CellStatus = MlopsCellResult['status'];

function cellStatus(status: string | undefined): CellStatus {
  switch (status?.toLowerCase()) {
    case 'success':
    case 'succeeded':
      return 'Success';
    case 'failure':
    case 'failed':
    case 'error':
      return 'Failure';
    case 'skipped':
      return 'Skipped';
    default:
      return 'Unknown';
  }
}

type SlimCell = NonNullable<
  NonNullable<SlimNotebookValidationJob['status']>['results']
>[number];

function toCellResult(cell: SlimCell): MlopsCellResult {
  const out: MlopsCellResult = {
    index: cell.cellIndex,
    status: cellStatus(cell.status),
  };
  const duration = parseGoDuration(cell.executionTime);
  if (duration !== undefined) {
    out.durationSeconds = duration;
  }
  if (cell.errorMessage) {
    out.error = cell.errorMessage;
  }
  return out;
}

function toValidationBuild(
  buildStatus: NonNullable<SlimNotebookValidationJob['status']>['buildStatus'],
): MlopsValidationBuild | undefined {
  if (!buildStatus) {
    return undefined;
  }
  const out: MlopsValidationBuild = { phase: buildStatus.phase ?? 'Pending' };
  if (buildStatus.buildName) {
    out.buildName = buildStatus.buildName;
  }
  if (buildStatus.imageReference) {
    out.imageReference = buildStatus.imageReference;
  }
  if (buildStatus.message) {
    out.message = buildStatus.message;
  }
  const duration =
    parseGoDuration(buildStatus.duration) ??
    secondsBetween(buildStatus.startTime, buildStatus.completionTime);
  if (duration !== undefined) {
    out.durationSeconds = duration;
  }
  if (buildStatus.strategy) {
    out.strategy = buildStatus.strategy;
  }
  return out;
}

/**
 * A NotebookValidationJob for the wire. `errorCategory` is the category parsed from
 * the validation pod's log (see `parseValidationResultsSummary`) when the caller has
 * it; without it the category is read from the job's status
 * ({@link errorCategoryFromConditions}).
 *
 * @internal
 */
export function toValidationJobSummary(
  nvj: SlimNotebookValidationJob,
  errorCategory?: MlopsErrorCategory,
): MlopsValidationJobSummary {
  const status = nvj.status;
  const startedAt = validTime(status?.startTime);
  const completedAt = validTime(status?.completionTime);
  const out: MlopsValidationJobSummary = {
    name: nvj.metadata.name,
    phase: status?.phase || 'Pending',
    status: validationJobStatus(status?.phase),
    notebookPath: nvj.spec?.notebook?.path ?? '',
    gitUrl: nvj.spec?.notebook?.git?.url ?? '',
    gitRef: nvj.spec?.notebook?.git?.ref ?? '',
    createdAt: createdAtOf(nvj.metadata, startedAt, completedAt),
    conditions: (status?.conditions ?? []).map(toMlopsCondition),
    cells: (status?.results ?? [])
      .filter(cell => typeof cell?.cellIndex === 'number')
      .map(toCellResult)
      .sort((a, b) => a.index - b.index),
  };
  if (startedAt) {
    out.startedAt = startedAt;
  }
  if (completedAt) {
    out.completedAt = completedAt;
  }
  const duration = secondsBetween(startedAt, completedAt);
  if (duration !== undefined) {
    out.durationSeconds = duration;
  }
  if (status?.message) {
    out.message = status.message;
  }
  const build = toValidationBuild(status?.buildStatus);
  if (build) {
    out.build = build;
  }
  const category = errorCategory ?? errorCategoryFromConditions(nvj);
  if (category) {
    out.errorCategory = category;
  }
  if (status?.validationPodName) {
    out.validationPodName = status.validationPodName;
  }
  return out;
}
