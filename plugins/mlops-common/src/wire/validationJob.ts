import type { MlopsErrorCategory } from '../errorCategories';
import type { MlopsCondition } from './common';
import type { MlopsRunCause } from './pipelineRun';
import type { MlopsRunStatus } from './runStatus';

/**
 * The result of one notebook cell, from the job's `status.results`.
 *
 * @public
 */
export interface MlopsCellResult {
  /** Index of the cell in the notebook, from 0. */
  index: number;
  /** `Unknown` when the operator wrote a value not in its own schema. */
  status: 'Success' | 'Failure' | 'Skipped' | 'Unknown';
  durationSeconds?: number;
  /** The error the cell raised. */
  error?: string;
  /** The cell's error output (its traceback), as the operator kept it (truncated). */
  output?: string;
}

/**
 * One difference between the executed notebook and its golden notebook.
 *
 * @public
 */
export interface MlopsCellDiff {
  cellIndex: number;
  /** `code` or `markdown`. */
  cellType?: string;
  /** `output_mismatch`, `execution_error`, `missing_cell` or `extra_cell`. */
  diffType: string;
  /** `minor`, `major` or `critical`. */
  severity?: string;
  expected?: string;
  actual?: string;
  diff?: string;
}

/**
 * How the executed notebook compared with its golden notebook
 * (`status.comparisonResult`).
 *
 * @public
 */
export interface MlopsNotebookComparison {
  /** `exact`, `normalized`, `fuzzy` or `semantic`. */
  strategy?: string;
  /** `matched`, `failed` or `skipped` (`unknown` for any other value). */
  result: 'matched' | 'failed' | 'skipped' | 'unknown';
  totalCells: number;
  matchedCells: number;
  mismatchedCells: number;
  diffs: MlopsCellDiff[];
}

/**
 * The image build of a validation job (`spec.podConfig.buildConfig`).
 *
 * @public
 */
export interface MlopsValidationBuild {
  /** `Pending`, `Running`, `Complete` or `Failed`. */
  phase: string;
  /** The phase as a run status (absent from older backends). */
  status?: MlopsRunStatus;
  /** The Build (S2I) or PipelineRun (Tekton) the operator created. */
  buildName?: string;
  imageReference?: string;
  message?: string;
  durationSeconds?: number;
  /** `s2i`, `tekton`, … */
  strategy?: string;
}

/**
 * A NotebookValidationJob: one run of a notebook by the validation operator.
 *
 * @public
 */
export interface MlopsValidationJobSummary {
  name: string;
  /**
   * The operator's phase: `Initializing`, `Building`, `BuildComplete`,
   * `ValidationRunning`, `Succeeded`, `Failed`, or the legacy `Pending` and `Running`.
   */
  phase: string;
  /** The phase as a run status. */
  status: 'Succeeded' | 'Failed' | 'Running' | 'Pending';
  notebookPath: string;
  gitUrl: string;
  gitRef: string;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  durationSeconds?: number;
  message?: string;
  conditions: MlopsCondition[];
  cells: MlopsCellResult[];
  build?: MlopsValidationBuild;
  /** Why it failed; `none` when it succeeded; absent while it runs. */
  errorCategory?: MlopsErrorCategory;
  /**
   * What made it fail, in words: the golden-notebook mismatch, the failed build, the
   * failing cell or the operator's message.
   */
  cause?: MlopsRunCause;
  /** How it compared with its golden notebook, when it has one. */
  comparison?: MlopsNotebookComparison;
  /**
   * How often the operator ran the validation pod again after a failure
   * (`status.retryCount`; it gives up at 3).
   */
  retryCount?: number;
  /** The validation pod (`<job>-validation`), for logs. */
  validationPodName?: string;
}
