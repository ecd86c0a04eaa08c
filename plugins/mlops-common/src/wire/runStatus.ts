/**
 * Every value of {@link MlopsRunStatus}, in display order.
 *
 * @public
 */
export const MLOPS_RUN_STATUSES = [
  'Succeeded',
  'Failed',
  'Running',
  'Pending',
  'Cancelled',
  'Cancelling',
  'TimedOut',
  'Unknown',
] as const;

/**
 * The status of a run (PipelineRun, TaskRun, validation job or build), derived from
 * Tekton's `Succeeded` condition and `spec.status`, the NotebookValidationJob phase, or
 * the Build phase.
 *
 * - `Succeeded`: finished, every task that ran succeeded (some may have been skipped).
 * - `Failed`: finished with an error, including runs that could not start.
 * - `Running`: started and not finished.
 * - `Pending`: created but not started (queued, `PipelineRunPending`, waiting for a pod).
 * - `Cancelled`: stopped on request.
 * - `Cancelling`: a cancel or stop was requested and the run has not finished yet.
 * - `TimedOut`: stopped because it ran past its timeout.
 * - `Unknown`: the status cannot be read.
 *
 * @public
 */
export type MlopsRunStatus = (typeof MLOPS_RUN_STATUSES)[number];

/**
 * True when a run in this status will not change any more.
 *
 * @public
 */
export function isMlopsRunFinished(status: MlopsRunStatus): boolean {
  return (
    status === 'Succeeded' ||
    status === 'Failed' ||
    status === 'Cancelled' ||
    status === 'TimedOut'
  );
}
