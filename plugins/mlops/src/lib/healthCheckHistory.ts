import {
  MLOPS_HEALTH_CHECK_TASKS,
  type MlopsHealthCheckTask,
  type MlopsNameValue,
  type MlopsPipelineRunSummary,
  type MlopsRunStatus,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * One health-check task of one training run, for the health history.
 *
 * @internal
 */
export interface HealthCheckPoint {
  pipelineRun: string;
  task: MlopsHealthCheckTask;
  status: MlopsRunStatus;
  /** When it completed, or started while it runs (ISO 8601). */
  time: string;
  results: MlopsNameValue[];
}

function isHealthCheckTask(task: string): task is MlopsHealthCheckTask {
  return (MLOPS_HEALTH_CHECK_TASKS as readonly string[]).includes(task);
}

/**
 * The health-check tasks (`health-check`, `post-deployment-check`) of the given
 * training runs, oldest first. Tasks that never started are left out.
 *
 * @internal
 */
export function healthCheckHistory(
  runs: MlopsPipelineRunSummary[],
): HealthCheckPoint[] {
  const points: HealthCheckPoint[] = [];
  for (const run of runs) {
    for (const task of run.taskRuns) {
      const time = task.completedAt ?? task.startedAt;
      if (!isHealthCheckTask(task.pipelineTask) || !time) {
        continue;
      }
      points.push({
        pipelineRun: run.name,
        task: task.pipelineTask,
        status: task.status,
        time,
        results: task.results,
      });
    }
  }
  return points.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}
