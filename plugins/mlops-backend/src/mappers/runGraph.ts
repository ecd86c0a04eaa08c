import type { MlopsRunGraphTask } from '@backstage-mlops/plugin-mlops-common';
import type { SlimPipelineRun } from '@backstage-mlops/plugin-mlops-node';

/**
 * A run's task graph for the wire, from the pipeline it resolved
 * (`status.pipelineSpec`, kept in the slim PipelineRun of the object cache): the DAG's tasks with what
 * each waits for, then the `finally` tasks. Undefined before Tekton resolved it.
 *
 * @internal
 */
export function toRunGraph(
  run: SlimPipelineRun,
): MlopsRunGraphTask[] | undefined {
  const dag = run.status?.pipelineDag;
  const finallyTasks = run.status?.pipelineTasks?.finally ?? [];
  if (!dag && finallyTasks.length === 0) {
    return undefined;
  }
  return [
    ...(dag ?? []).map(task => {
      const out: MlopsRunGraphTask = {
        name: task.name,
        after: [...task.after],
      };
      if (task.matrix) {
        out.matrix = true;
      }
      return out;
    }),
    ...finallyTasks.map(name => ({ name, after: [], finally: true })),
  ];
}
