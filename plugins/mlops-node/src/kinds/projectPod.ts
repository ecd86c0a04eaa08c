import type { SlimContainerStatus, SlimPod } from './pod';
import { projectContainerState } from './projectContainerState';
import { projectObjectMeta } from './projectObjectMeta';
import { compact, list, num, record, str } from './projectHelpers';

function projectContainerStatuses(
  value: unknown,
): SlimContainerStatus[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return list(value).flatMap(item => {
    const c = record(item);
    const name = str(c?.name);
    return name
      ? [
          compact({
            name,
            ready: typeof c?.ready === 'boolean' ? c.ready : undefined,
            restartCount: num(c?.restartCount),
            state: projectContainerState(c?.state),
            lastState: projectContainerState(c?.lastState),
          }),
        ]
      : [];
  });
}

/**
 * A `core/v1` Pod as the cache keeps it: container names, phase, conditions and
 * container statuses (`kubectl get pods`' columns and `kubectl describe`'s states); the
 * spec's volumes, env and the rest are gone.
 *
 * @internal
 */
export function projectPod(raw: unknown): SlimPod | undefined {
  const metadata = projectObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const spec = record(record(raw)?.spec);
  const status = record(record(raw)?.status);
  const containers = list(spec?.containers).flatMap(c => {
    const name = str(record(c)?.name);
    return name ? [name] : [];
  });
  return {
    metadata,
    spec: compact({ containers, nodeName: str(spec?.nodeName) }),
    status: status
      ? compact({
          phase: str(status.phase),
          reason: str(status.reason),
          message: str(status.message),
          startTime: str(status.startTime),
          conditions: Array.isArray(status.conditions)
            ? list(status.conditions).flatMap(item => {
                const c = record(item);
                const type = str(c?.type);
                const s = str(c?.status);
                return type && s
                  ? [compact({ type, status: s, reason: str(c?.reason) })]
                  : [];
              })
            : undefined,
          containerStatuses: projectContainerStatuses(status.containerStatuses),
          initContainerStatuses: projectContainerStatuses(
            status.initContainerStatuses,
          ),
        })
      : undefined,
  };
}
