import { toSlimObjectMeta } from './toSlimObjectMeta';
import { compact, list, num, record, str } from './slimHelpers';
import type { SlimWorkbench, SlimWorkbenchCondition } from './workbench';

/** Workbench conditions: a type is required, a status is not (see SlimWorkbenchCondition). */
function toSlimWorkbenchConditions(
  value: unknown,
): SlimWorkbenchCondition[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return list(value).flatMap(item => {
    const c = record(item);
    const type = str(c?.type);
    return type
      ? [
          compact({
            type,
            status: str(c?.status),
            reason: str(c?.reason),
            message: str(c?.message),
            lastProbeTime: str(c?.lastProbeTime),
            lastTransitionTime: str(c?.lastTransitionTime),
          }),
        ]
      : [];
  });
}

/** A Kubernetes quantity of whole devices (`"1"`, `2`) as a number; 0 when absent or unreadable. */
function deviceCount(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : num(value);
  return n !== undefined && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * A `kubeflow.org/v1` Notebook (OpenShift AI workbench) as the cache keeps it: the
 * image and `nvidia.com/gpu` limit of the workbench container (the container named
 * like the Notebook, else the first); conditions, ready replicas and container state.
 * The pod template is gone.
 *
 * @internal
 */
export function toSlimWorkbench(raw: unknown): SlimWorkbench | undefined {
  const metadata = toSlimObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const podSpec = record(record(record(record(raw)?.spec)?.template)?.spec);
  const containers = list(podSpec?.containers).map(record);
  const container =
    containers.find(c => str(c?.name) === metadata.name) ?? containers[0];
  const limits = record(record(container?.resources)?.limits);
  const status = record(record(raw)?.status);
  const state = record(status?.containerState);
  const running = record(state?.running);
  const waiting = record(state?.waiting);
  const terminated = record(state?.terminated);
  return {
    metadata,
    spec: compact({
      image: str(container?.image),
      gpu: deviceCount(limits?.['nvidia.com/gpu']),
    }),
    status: status
      ? compact({
          conditions: toSlimWorkbenchConditions(status.conditions),
          readyReplicas: num(status.readyReplicas),
          containerState: state
            ? compact({
                running: running
                  ? compact({ startedAt: str(running.startedAt) })
                  : undefined,
                waiting: waiting
                  ? compact({
                      reason: str(waiting.reason),
                      message: str(waiting.message),
                    })
                  : undefined,
                terminated: terminated
                  ? compact({
                      reason: str(terminated.reason),
                      message: str(terminated.message),
                      exitCode: num(terminated.exitCode),
                    })
                  : undefined,
              })
            : undefined,
        })
      : undefined,
  };
}
