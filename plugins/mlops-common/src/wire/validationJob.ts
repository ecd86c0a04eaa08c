import type { MlopsErrorCategory } from '../errorCategories';
import type { MlopsCondition } from './common';

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
}

/**
 * The image build of a validation job (`spec.podConfig.buildConfig`).
 *
 * @public
 */
export interface MlopsValidationBuild {
  /** `Pending`, `Running`, `Complete` or `Failed`. */
  phase: string;
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
  /** The validation pod (`<job>-validation`), for logs. */
  validationPodName?: string;
}
