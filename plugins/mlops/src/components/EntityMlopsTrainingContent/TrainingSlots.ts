import type {
  MlopsPipelineRunSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type { ReactNode } from 'react';

/**
 * Places in the Training tab that the actions of a later version fill (run
 * training, rerun, cancel, logs). Empty slots render nothing.
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
}
