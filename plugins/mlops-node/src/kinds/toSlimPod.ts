import type { SlimContainerStatus, SlimPod } from './pod';
import { toSlimContainerState } from './toSlimContainerState';
import { toSlimObjectMeta } from './toSlimObjectMeta';
import { compact, list, num, record, str } from './slimHelpers';

function toSlimContainerStatuses(
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
            state: toSlimContainerState(c?.state),
            lastState: toSlimContainerState(c?.lastState),
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
export function toSlimPod(raw: unknown): SlimPod | undefined {
  const metadata = toSlimObjectMeta(raw);
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
          containerStatuses: toSlimContainerStatuses(status.containerStatuses),
          initContainerStatuses: toSlimContainerStatuses(
            status.initContainerStatuses,
          ),
        })
      : undefined,
  };
}
