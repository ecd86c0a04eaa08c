import type {
  MlopsBuildSummary,
  MlopsPipelineRunSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type { ReactNode } from 'react';

/**
 * Places in the Training tab that actions fill (run training, rerun, cancel,
 * validate, build, logs). Empty slots render nothing.
 *
 * @internal
 */
export interface TrainingSlots {
  /** Header actions of the runs card, e.g. a "Run training" button. */
  trainingActions?: ReactNode;
  /** Per-run actions, in an Actions column. */
  renderRunActions?: (run: MlopsPipelineRunSummary) => ReactNode;
  /** Per-task actions inside an expanded run, e.g. logs. */
  renderTaskActions?: (
    run: MlopsPipelineRunSummary,
    task: MlopsTaskRunSummary,
  ) => ReactNode;
  /** Header actions of the validation jobs card, given whether there are jobs. */
  renderValidationActions?: (hasJobs: boolean) => ReactNode;
  /** Header actions of the image builds card, e.g. "Start build". */
  buildActions?: ReactNode;
  /** Per-build actions, in an Actions column, e.g. logs. */
  renderBuildActions?: (build: MlopsBuildSummary) => ReactNode;
}
