import {
  toSlimConditions,
  toSlimNameValues,
  toSlimObjectMeta,
} from './toSlimObjectMeta';
import {
  compact,
  compactOrUndefined,
  list,
  num,
  record,
  str,
} from './slimHelpers';
import { toSlimContainerState } from './toSlimContainerState';
import type { SlimStepState, SlimTaskRun, SlimTaskRunAttempt } from './tekton';

function toSlimStep(item: unknown): SlimStepState[] {
  const s = record(item);
  const name = str(s?.name);
  if (!name) {
    return [];
  }
  return [
    compact({
      name,
      container: str(s?.container),
      imageID: str(s?.imageID),
      ...toSlimContainerState(s),
      terminationReason: str(s?.terminationReason),
    }),
  ];
}

function toSlimAttempt(item: unknown): SlimTaskRunAttempt[] {
  const a = record(item);
  if (!a) {
    return [];
  }
  return [
    compact({
      conditions: toSlimConditions(a.conditions),
      podName: str(a.podName) || undefined,
      startTime: str(a.startTime),
      completionTime: str(a.completionTime),
    }),
  ];
}

/**
 * A `tekton.dev/v1` TaskRun as the cache keeps it: task reference, cancel state and
 * its message, retries; conditions, pod name, times, steps, results and the earlier
 * attempts of a retried run (their conditions, pods and times). `status.taskSpec`,
 * `provenance`, sidecars and the attempts' steps are gone.
 *
 * @internal
 */
export function toSlimTaskRun(raw: unknown): SlimTaskRun | undefined {
  const metadata = toSlimObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const spec = record(record(raw)?.spec);
  const status = record(record(raw)?.status);
  return {
    metadata,
    spec: compact({
      taskRef: compactOrUndefined({ name: str(record(spec?.taskRef)?.name) }),
      status: str(spec?.status),
      statusMessage: str(spec?.statusMessage),
      retries: num(spec?.retries),
    }),
    status: status
      ? compact({
          conditions: toSlimConditions(status.conditions),
          podName: str(status.podName),
          startTime: str(status.startTime),
          completionTime: str(status.completionTime),
          steps: Array.isArray(status.steps)
            ? list(status.steps).flatMap(toSlimStep)
            : undefined,
          results: toSlimNameValues(status.results),
          retriesStatus: Array.isArray(status.retriesStatus)
            ? list(status.retriesStatus).flatMap(toSlimAttempt)
            : undefined,
        })
      : undefined,
  };
}
