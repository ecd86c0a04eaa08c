import type {
  MlopsCellResult,
  MlopsCondition,
  MlopsErrorCategory,
  MlopsNotebookComparison,
  MlopsRunCause,
  MlopsRunStatus,
  MlopsValidationBuild,
  MlopsValidationJobSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimCondition } from '../kinds/objectMeta';
import type { SlimNotebookValidationJob } from '../kinds/notebookValidationJob';
import { toMlopsCondition } from './conditions';
import { parseGoDuration, secondsBetween } from './time';

// How the Jupyter Notebook Validator Operator's NotebookValidationJob statuses read
// (tosin2013/jupyter-notebook-validator-operator: api/v1alpha1/notebookvalidationjob_types.go,
// internal/controller/notebookvalidationjob_controller.go, pod_log_helper.go,
// pod_failure_analyzer.go, condition_helper.go, papermill_helper.go).

type SlimStatus = NonNullable<SlimNotebookValidationJob['status']>;
type SlimCell = NonNullable<SlimStatus['results']>[number];

/**
 * The status of a validation job from its phase: `Succeeded` and `Failed` as such
 * (the operator never changes them again); `Initializing`, the legacy `Pending` and no
 * phase yet are `Pending`; `Building`, `BuildComplete`, `ValidationRunning`, the
 * legacy `Running` (which the operator still writes while it starts the pod) and any
 * phase this code does not know (never a final one) are `Running`.
 *
 * @public
 */
export function validationJobStatusOf(
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

function cellStatus(status: string | undefined): MlopsCellResult['status'] {
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
  if (cell.output) {
    out.output = cell.output;
  }
  return out;
}

const COMPARISON_RESULTS = new Set(['matched', 'failed', 'skipped']);

function toComparison(
  comparison: SlimStatus['comparisonResult'],
): MlopsNotebookComparison | undefined {
  if (!comparison) {
    return undefined;
  }
  const result = comparison.result?.toLowerCase() ?? '';
  const out: MlopsNotebookComparison = {
    result: COMPARISON_RESULTS.has(result)
      ? (result as MlopsNotebookComparison['result'])
      : 'unknown',
    totalCells: comparison.totalCells ?? 0,
    matchedCells: comparison.matchedCells ?? 0,
    mismatchedCells: comparison.mismatchedCells ?? 0,
    diffs: (comparison.diffs ?? []).map(diff => {
      const d: MlopsNotebookComparison['diffs'][number] = {
        cellIndex: diff.cellIndex,
        diffType: diff.diffType ?? 'unknown',
      };
      if (diff.cellType) d.cellType = diff.cellType;
      if (diff.severity) d.severity = diff.severity;
      if (diff.expected) d.expected = diff.expected;
      if (diff.actual) d.actual = diff.actual;
      if (diff.diff) d.diff = diff.diff;
      return d;
    }),
  };
  if (comparison.strategy) {
    out.strategy = comparison.strategy;
  }
  return out;
}

/** The operator's build phases (`BuildStatus.Phase`) as run statuses. */
const BUILD_STATUS_BY_PHASE: Readonly<Record<string, MlopsRunStatus>> = {
  Pending: 'Pending',
  Running: 'Running',
  Complete: 'Succeeded',
  Failed: 'Failed',
};

function toValidationBuild(
  buildStatus: SlimStatus['buildStatus'],
): MlopsValidationBuild | undefined {
  if (!buildStatus) {
    return undefined;
  }
  const phase = buildStatus.phase ?? 'Pending';
  const out: MlopsValidationBuild = {
    phase,
    status: Object.prototype.hasOwnProperty.call(BUILD_STATUS_BY_PHASE, phase)
      ? BUILD_STATUS_BY_PHASE[phase]
      : 'Unknown',
  };
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
 * Condition reasons that name an error category. The operator's own reasons
 * (`internal/controller/condition_helper.go`); it writes few of them at this commit
 * (a failed job carries `ValidationComplete: False, PodFailed`), but other releases
 * and tools do.
 */
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
 * The error category a NotebookValidationJob condition reason stands for, e.g.
 * `DependencyInstallFailed` → `dependency_install_failed`; reasons that say only that
 * something failed (`Failed`, `PodFailed`, `ValidationFailed`, …) give `undefined`.
 *
 * @public
 */
export function errorCategoryOfReason(
  reason: string | undefined,
): MlopsErrorCategory | undefined {
  return reason &&
    Object.prototype.hasOwnProperty.call(CATEGORY_BY_REASON, reason)
    ? CATEGORY_BY_REASON[reason]
    : undefined;
}

const DEPENDENCY_ERROR =
  /\b(ModuleNotFoundError|ImportError|No module named|Could not install packages|Pip installation failed)\b/i;
const ENVIRONMENT_ERROR =
  /\b(PermissionError|Permission denied|PermissionDenied)\b/i;
/** The pod failure analysis of a failed git-clone init container (`pod_failure_analyzer.go`). */
const GIT_CLONE_ERROR =
  /\b(InitContainerError|Git-clone init container failed)\b/;
/** The exception papermill raises when a cell fails; the operator quotes it in its message. */
const EXECUTION_ERROR = /\bPapermillExecutionError\b/;

/**
 * Classifies an error text the way the operator's validation script and pod failure
 * analysis do (`papermill_helper.go`, `pod_failure_analyzer.go`): a
 * `ModuleNotFoundError` or `ImportError` (or a failed pip install) is
 * `dependency_install_failed`; a `PermissionError` is `environment_setup_failed`; a
 * failed git clone is `configuration_error`; papermill's `PapermillExecutionError` is
 * `notebook_execution_failed`; any other text gives `undefined`.
 *
 * @public
 */
export function errorCategoryOfText(
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
  if (GIT_CLONE_ERROR.test(text)) {
    return 'configuration_error';
  }
  if (EXECUTION_ERROR.test(text)) {
    return 'notebook_execution_failed';
  }
  return undefined;
}

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

function failingConditions(status: SlimStatus | undefined): SlimCondition[] {
  return (status?.conditions ?? [])
    .filter(condition => condition.status === 'False')
    .sort((a, b) => priority(a) - priority(b));
}

/**
 * The error category of a job read from its status alone (no pod log): `none` when it
 * succeeded, `undefined` while it runs; for a failed job, in this order:
 * `golden_notebook_mismatch` when its outputs differ from the golden notebook and no
 * cell failed; `build_failed` when its image build failed (the operator says so only
 * in `status.buildStatus`); the category a False condition's reason names; the
 * category the operator's script would give the message, a condition's message or a
 * cell's error; `notebook_execution_failed` when a cell failed; else `unknown`.
 *
 * @public
 */
export function validationErrorCategoryOf(
  nvj: SlimNotebookValidationJob,
): MlopsErrorCategory | undefined {
  const status = nvj.status;
  switch (validationJobStatusOf(status?.phase)) {
    case 'Succeeded':
      return 'none';
    case 'Failed':
      break;
    default:
      return undefined;
  }
  const failedCell = (status?.results ?? []).some(
    cell => cellStatus(cell.status) === 'Failure',
  );
  if (
    status?.comparisonResult?.result?.toLowerCase() === 'failed' &&
    !failedCell
  ) {
    return 'golden_notebook_mismatch';
  }
  if (status?.buildStatus?.phase === 'Failed') {
    return 'build_failed';
  }
  const failing = failingConditions(status);
  for (const condition of failing) {
    const category = errorCategoryOfReason(condition.reason);
    if (category) {
      return category;
    }
  }
  const texts = [
    status?.message,
    ...failing.map(condition => condition.message),
    ...(status?.results ?? []).map(cell => cell.errorMessage),
    ...(status?.results ?? []).map(cell => cell.output),
  ];
  for (const text of texts) {
    const category = errorCategoryOfText(text);
    if (category) {
      return category;
    }
  }
  return failedCell ? 'notebook_execution_failed' : 'unknown';
}

/**
 * What made a failed job fail, in words, most telling first: its golden-notebook
 * comparison (which cells differ), its failed image build (`buildStatus.message`; the
 * operator leaves `status.message` stale then), its first failing cell, else the
 * operator's message (for a failed validation pod:
 * `Validation failed after 3 retries: …`), else its failing condition.
 */
function causeOf(nvj: SlimNotebookValidationJob): MlopsRunCause | undefined {
  const status = nvj.status;
  if (validationJobStatusOf(status?.phase) !== 'Failed') {
    return undefined;
  }
  const comparison = status?.comparisonResult;
  if (comparison?.result?.toLowerCase() === 'failed') {
    const differing = (comparison.diffs ?? [])
      .map(diff => `cell ${diff.cellIndex} (${diff.diffType ?? 'differs'})`)
      .slice(0, 5)
      .join(', ');
    return {
      reason: 'GoldenNotebookMismatch',
      message: `${comparison.mismatchedCells ?? 0} of ${
        comparison.totalCells ?? 0
      } cells differ from the golden notebook${
        differing ? `: ${differing}` : ''
      }`,
    };
  }
  if (status?.buildStatus?.phase === 'Failed') {
    return {
      reason: 'BuildFailed',
      message: status.buildStatus.message ?? 'The image build failed.',
    };
  }
  const cell = (status?.results ?? []).find(
    c => cellStatus(c.status) === 'Failure',
  );
  if (cell) {
    return {
      reason: 'CellFailed',
      message: `Cell ${cell.cellIndex} failed${
        cell.errorMessage ? `: ${cell.errorMessage}` : ''
      }`,
    };
  }
  const condition = failingConditions(status)[0];
  if (status?.message) {
    return condition?.reason
      ? { reason: condition.reason, message: status.message }
      : { message: status.message };
  }
  if (condition) {
    const cause: MlopsRunCause = {};
    if (condition.reason) cause.reason = condition.reason;
    if (condition.message) cause.message = condition.message;
    return cause;
  }
  return undefined;
}

/**
 * A validation job as the vocabulary reads it: the parts of
 * `MlopsValidationJobSummary` that come from its status.
 *
 * @public
 */
export interface ValidationJobReading {
  phase: string;
  status: MlopsValidationJobSummary['status'];
  conditions: MlopsCondition[];
  /** Per-cell results, by cell index. A job whose validation pod failed has none. */
  cells: MlopsCellResult[];
  message?: string;
  build?: MlopsValidationBuild;
  errorCategory?: MlopsErrorCategory;
  cause?: MlopsRunCause;
  comparison?: MlopsNotebookComparison;
  retryCount?: number;
}

/**
 * Reads a NotebookValidationJob: its phase as a status, conditions, per-cell results
 * (with a failed cell's error output), its golden-notebook comparison, how often the
 * operator re-ran its pod, its image build, the error category (`logCategory`, the
 * category its pod's log names, when the caller read it; else from the status, see
 * {@link validationErrorCategoryOf}) and the cause of a failure. The operator's
 * `Ready` condition stays False for the job's whole life and is not read as its
 * outcome.
 *
 * @public
 */
export function readValidationJob(
  nvj: SlimNotebookValidationJob,
  logCategory?: MlopsErrorCategory,
): ValidationJobReading {
  const status = nvj.status;
  const reading: ValidationJobReading = {
    phase: status?.phase || 'Pending',
    status: validationJobStatusOf(status?.phase),
    conditions: (status?.conditions ?? []).map(toMlopsCondition),
    cells: (status?.results ?? [])
      .filter(cell => typeof cell?.cellIndex === 'number')
      .map(toCellResult)
      .sort((a, b) => a.index - b.index),
  };
  if (status?.message) {
    reading.message = status.message;
  }
  const build = toValidationBuild(status?.buildStatus);
  if (build) {
    reading.build = build;
  }
  // A log that says `none` for a failed job (the notebook ran; the job failed on
  // something else, e.g. its golden notebook) does not override the status.
  const fromLog =
    reading.status === 'Failed' && logCategory === 'none'
      ? undefined
      : logCategory;
  const category =
    reading.status === 'Failed' || reading.status === 'Succeeded'
      ? fromLog ?? validationErrorCategoryOf(nvj)
      : undefined;
  if (category) {
    reading.errorCategory = category;
  }
  const cause = causeOf(nvj);
  if (cause) {
    reading.cause = cause;
  }
  const comparison = toComparison(status?.comparisonResult);
  if (comparison) {
    reading.comparison = comparison;
  }
  if (typeof status?.retryCount === 'number' && status.retryCount > 0) {
    reading.retryCount = status.retryCount;
  }
  return reading;
}
