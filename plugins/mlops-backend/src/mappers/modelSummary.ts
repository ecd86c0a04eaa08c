import type { MlopsModelSummary } from '@backstage-mlops/plugin-mlops-common';
import {
  buildStatusOf,
  pipelineRunStatusOf,
  readInferenceService,
  timeMillis,
  validationErrorCategoryOf,
  validationJobStatusOf,
  validTime,
  type SlimBuild,
  type SlimInferenceService,
  type SlimNotebookValidationJob,
  type SlimObjectMeta,
  type SlimPipelineRun,
} from '@backstage-mlops/plugin-mlops-node';
import { compareSortKeys, type MlopsSortKey } from './newestFirst';
import { createdAtOf } from './time';

/**
 * What {@link toModelSummary} summarises: one model entity and the cached objects of
 * its coordinates (already scoped to the entity by the caller).
 *
 * @internal
 */
export interface ModelSummaryInput {
  entityRef: string;
  cluster?: string;
  namespace?: string;
  /** Why nothing more can be said; the objects are ignored when set. */
  problem?: string;
  pipelineRuns?: readonly SlimPipelineRun[];
  /** The model's InferenceService first; only the first is summarised. */
  inferenceServices?: readonly SlimInferenceService[];
  builds?: readonly SlimBuild[];
  validationJobs?: readonly SlimNotebookValidationJob[];
}

function keyOf(metadata: SlimObjectMeta, startedAt?: string): MlopsSortKey {
  return {
    time: timeMillis(createdAtOf(metadata, startedAt)) ?? 0,
    name: metadata.name,
  };
}

/**
 * The newest object by creation time, or start time when earlier (see
 * `createdAtOf`); ties broken by name, as on the lists.
 */
function newestOf<T extends { metadata: SlimObjectMeta }>(
  objects: readonly T[] | undefined,
  startOf: (object: T) => string | undefined,
): T | undefined {
  let newest: T | undefined;
  let newestKey: MlopsSortKey | undefined;
  for (const object of objects ?? []) {
    const key = keyOf(object.metadata, startOf(object));
    if (!newestKey || compareSortKeys(key, newestKey) < 0) {
      newest = object;
      newestKey = key;
    }
  }
  return newest;
}

function withTimes<T extends object>(
  value: T,
  times: { startedAt?: string; completedAt?: string },
): T {
  const out: T & { startedAt?: string; completedAt?: string } = { ...value };
  const startedAt = validTime(times.startedAt);
  const completedAt = validTime(times.completedAt);
  if (startedAt) {
    out.startedAt = startedAt;
  }
  if (completedAt) {
    out.completedAt = completedAt;
  }
  return out;
}

/**
 * The state of one model at a glance: its newest training run, its InferenceService,
 * its newest build and its newest validation job. Only those newest objects are
 * mapped, so summarising many models stays cheap. With a `problem`, only the entity
 * ref, cluster, namespace and problem are returned.
 *
 * @internal
 */
export function toModelSummary(input: ModelSummaryInput): MlopsModelSummary {
  const out: MlopsModelSummary = { entityRef: input.entityRef };
  if (input.cluster) {
    out.cluster = input.cluster;
  }
  if (input.namespace) {
    out.namespace = input.namespace;
  }
  if (input.problem) {
    out.problem = input.problem;
    return out;
  }

  const run = newestOf(input.pipelineRuns, r => r.status?.startTime);
  if (run) {
    out.lastTraining = withTimes(
      { name: run.metadata.name, status: pipelineRunStatusOf(run) },
      {
        startedAt: run.status?.startTime,
        completedAt: run.status?.completionTime,
      },
    );
  }

  const isvc = input.inferenceServices?.[0];
  if (isvc) {
    const health = readInferenceService(isvc);
    out.serving = { name: isvc.metadata.name, ready: health.ready };
    if (health.failingCondition) {
      out.serving.failingCondition = health.failingCondition;
    }
    if (health.modelState) {
      out.serving.modelState = health.modelState;
    }
  }

  const build = newestOf(input.builds, b => b.status?.startTimestamp);
  if (build) {
    out.lastBuild = withTimes(
      {
        name: build.metadata.name,
        phase: build.status?.phase || 'New',
        status: buildStatusOf(build),
      },
      { completedAt: build.status?.completionTimestamp },
    );
  }

  const nvj = newestOf(input.validationJobs, j => j.status?.startTime);
  if (nvj) {
    const errorCategory = validationErrorCategoryOf(nvj);
    out.lastValidation = withTimes(
      {
        name: nvj.metadata.name,
        phase: nvj.status?.phase || 'Pending',
        status: validationJobStatusOf(nvj.status?.phase),
        ...(errorCategory ? { errorCategory } : {}),
      },
      { completedAt: nvj.status?.completionTime },
    );
  }
  return out;
}
