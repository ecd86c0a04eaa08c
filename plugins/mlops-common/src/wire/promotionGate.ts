/**
 * The name of the Tekton result in which a task that gates promotion writes its
 * verdict in words, e.g. `passes: rmse 0.72 (served 0.73), within 0.02` or
 * `not promoted: accuracy 0.81 < served 0.86 − 0.02`. A failed TaskRun keeps the
 * results its steps wrote, so a refused candidate's verdict is read from the failed
 * task and shown as the run's cause ({@link MlopsRunCause.verdict}). The New ML model
 * template's health check writes it (templates/README.md, "Metrics and the baseline
 * gate").
 *
 * @public
 */
export const MLOPS_GATE_RESULT = 'gate';
