import type { SlimContainerState } from './pod';
import { compact, num, record, str } from './slimHelpers';

/**
 * A container's state (core/v1 ContainerState: waiting, running or terminated), from
 * a pod's container status or a Tekton step (which carries the same three fields).
 *
 * @internal
 */
export function toSlimContainerState(
  value: unknown,
): SlimContainerState | undefined {
  const state = record(value);
  if (!state) {
    return undefined;
  }
  const waiting = record(state.waiting);
  const running = record(state.running);
  const terminated = record(state.terminated);
  return compact({
    waiting: waiting
      ? compact({ reason: str(waiting.reason), message: str(waiting.message) })
      : undefined,
    running: running
      ? compact({ startedAt: str(running.startedAt) })
      : undefined,
    terminated: terminated
      ? compact({
          exitCode: num(terminated.exitCode),
          reason: str(terminated.reason),
          message: str(terminated.message),
          startedAt: str(terminated.startedAt),
          finishedAt: str(terminated.finishedAt),
        })
      : undefined,
  });
}
