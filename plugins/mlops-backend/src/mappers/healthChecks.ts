import {
  isMlopsRunFinished,
  MLOPS_HEALTH_CHECK_TASKS,
  type MlopsHealthCheckResult,
  type MlopsHealthCheckTask,
} from '@backstage-mlops/plugin-mlops-common';
import {
  taskRunStatusOf,
  TEKTON_PIPELINE_RUN_LABEL,
  TEKTON_PIPELINE_TASK_LABEL,
  timeMillis,
  toNameValues,
  validTime,
  type SlimPipelineRun,
  type SlimTaskRun,
} from '@backstage-mlops/plugin-mlops-node';

interface Candidate {
  taskRun: SlimTaskRun;
  pipelineRun: string;
  task: MlopsHealthCheckTask;
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function isHealthCheckTask(
  task: string | undefined,
): task is MlopsHealthCheckTask {
  return (MLOPS_HEALTH_CHECK_TASKS as readonly (string | undefined)[]).includes(
    task,
  );
}

function recency(taskRun: SlimTaskRun): number {
  return (
    timeMillis(taskRun.status?.completionTime) ??
    timeMillis(taskRun.status?.startTime) ??
    timeMillis(taskRun.metadata.creationTimestamp) ??
    0
  );
}

/**
 * The latest result of each health-check task (`health-check`, then
 * `post-deployment-check`) among the TaskRuns of the given PipelineRuns. A TaskRun
 * belongs to a run by its `tekton.dev/pipelineRun` label or the run's child
 * references; TaskRuns of other runs are ignored. The latest finished TaskRun of a
 * task wins (by completion time); while none has finished, the latest started one is
 * shown. Tasks that never ran (skipped by `health-check-enabled`) are left out.
 *
 * @internal
 */
export function healthCheckResults(
  runs: readonly SlimPipelineRun[],
  taskRuns: readonly SlimTaskRun[],
): MlopsHealthCheckResult[] {
  const runKeys = new Set(
    runs.map(run => key(run.metadata.namespace, run.metadata.name)),
  );
  const byChildReference = new Map<string, { run: string; task?: string }>();
  for (const run of runs) {
    for (const ref of run.status?.childReferences ?? []) {
      byChildReference.set(key(run.metadata.namespace, ref.name), {
        run: run.metadata.name,
        task: ref.pipelineTaskName,
      });
    }
  }

  const candidates: Candidate[] = [];
  for (const taskRun of taskRuns) {
    const { namespace, name, labels } = taskRun.metadata;
    const reference = byChildReference.get(key(namespace, name));
    const pipelineRun = labels?.[TEKTON_PIPELINE_RUN_LABEL] ?? reference?.run;
    const task = labels?.[TEKTON_PIPELINE_TASK_LABEL] ?? reference?.task;
    if (
      pipelineRun !== undefined &&
      runKeys.has(key(namespace, pipelineRun)) &&
      isHealthCheckTask(task)
    ) {
      candidates.push({ taskRun, pipelineRun, task });
    }
  }

  const results: MlopsHealthCheckResult[] = [];
  for (const task of MLOPS_HEALTH_CHECK_TASKS) {
    const ofTask = candidates
      .filter(candidate => candidate.task === task)
      .sort((a, b) => recency(b.taskRun) - recency(a.taskRun));
    const latest =
      ofTask.find(candidate =>
        isMlopsRunFinished(taskRunStatusOf(candidate.taskRun)),
      ) ?? ofTask[0];
    if (!latest) {
      continue;
    }
    const result: MlopsHealthCheckResult = {
      pipelineRun: latest.pipelineRun,
      task,
      status: taskRunStatusOf(latest.taskRun),
      results: toNameValues(latest.taskRun.status?.results),
    };
    const completedAt = validTime(latest.taskRun.status?.completionTime);
    if (completedAt) {
      result.completedAt = completedAt;
    }
    results.push(result);
  }
  return results;
}
