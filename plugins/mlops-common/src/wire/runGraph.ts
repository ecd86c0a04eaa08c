/**
 * One pipeline task of a run's graph, as the run resolved its pipeline
 * (`status.pipelineSpec`). Its state comes from the run's TaskRuns (several for a
 * matrix) and skipped tasks, matched by pipeline task name.
 *
 * @public
 */
export interface MlopsRunGraphTask {
  /** The pipeline task, e.g. `train-model`. */
  name: string;
  /**
   * The pipeline tasks it waits for: its `runAfter` plus the tasks whose results it
   * references, as Tekton's DAG counts them. Empty for `finally` tasks, which run
   * after the whole DAG.
   */
  after: string[];
  /** True for a task of the pipeline's `finally` section. */
  finally?: boolean;
  /** True when a `matrix` fans the task out into several TaskRuns. */
  matrix?: boolean;
}
