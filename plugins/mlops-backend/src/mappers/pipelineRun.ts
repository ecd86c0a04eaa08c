import {
  labelValueSchema,
  MLOPS_MODEL_NAME_LABEL,
  type MlopsPipelineRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import {
  readPipelineRun,
  runTimes,
  type SlimPipelineRun,
  type SlimTaskRun,
  toNameValues,
  trainingPipelineOf,
  validTime,
} from '@backstage-mlops/plugin-mlops-node';
import { readModelMetrics } from './modelMetrics';
import { toRunGraph } from './runGraph';
import { detectTrigger } from './trigger';
import { createdAtOf } from './time';

/**
 * A PipelineRun and its TaskRuns for the wire, as the status vocabulary reads them
 * (`readPipelineRun`): status, cause, tasks with `finally`, ignored failures and
 * attempts, skipped tasks and counts; plus its task graph, its model metrics
 * (`readModelMetrics`), its pipeline (a named one only, see
 * `trainingPipelineOf`), model, trigger, params, results and times. `taskRuns` may
 * hold other runs' TaskRuns too (e.g. every TaskRun of the namespace); only this run's
 * are used.
 *
 * @internal
 */
export function toPipelineRunSummary(
  run: SlimPipelineRun,
  taskRuns: readonly SlimTaskRun[],
): MlopsPipelineRunSummary {
  const reading = readPipelineRun(run, taskRuns);
  const startedAt = validTime(run.status?.startTime);
  const completedAt = validTime(run.status?.completionTime);
  const out: MlopsPipelineRunSummary = {
    name: run.metadata.name,
    namespace: run.metadata.namespace,
    pipeline: trainingPipelineOf(run) ?? '',
    status: reading.status,
    createdAt: createdAtOf(run.metadata, startedAt, completedAt),
    trigger: detectTrigger(run),
    params: toNameValues(run.spec?.params),
    results: toNameValues(run.status?.results),
    tasks: reading.counts,
    taskRuns: reading.tasks,
    skippedTasks: reading.skippedTasks,
  };
  const modelName = run.metadata.labels?.[MLOPS_MODEL_NAME_LABEL];
  if (modelName && labelValueSchema.safeParse(modelName).success) {
    out.modelName = modelName;
  }
  if (reading.reason) {
    out.reason = reading.reason;
  }
  if (reading.message) {
    out.message = reading.message;
  }
  if (reading.cause) {
    out.cause = reading.cause;
  }
  const graph = toRunGraph(run);
  if (graph) {
    out.graph = graph;
  }
  const { metrics, problems } = readModelMetrics(out.results, out.taskRuns);
  if (metrics.length) {
    out.metrics = metrics;
  }
  if (problems.length) {
    out.metricsProblems = problems;
  }
  Object.assign(out, runTimes(startedAt, completedAt));
  return out;
}
