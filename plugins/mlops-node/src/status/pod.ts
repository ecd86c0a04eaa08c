import type {
  MlopsContainerTermination,
  MlopsServingPod,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimContainerStatus, SlimPod } from '../kinds/pod';
import { validTime } from './time';

// How a pod's status reads, the way `kubectl get pods` prints its STATUS column
// (kubernetes/kubernetes pkg/printers/internalversion/printers.go, printPod: the
// pod's reason (Evicted, …) replaces the phase; then, container by container, a
// waiting reason (CrashLoopBackOff, ImagePullBackOff, ErrImagePull,
// CreateContainerConfigError, …) or a terminated reason (OOMKilled, Error,
// Completed), else `Signal:<n>` / `ExitCode:<n>`; restarts are the sum of
// restartCount) and the fields a container status carries (k8s.io/api core/v1
// types.go ContainerStatus: state, lastState, ready, restartCount).

/** The container KServe runs the model server in (kserve/kserve pkg/constants/constants.go InferenceServiceContainerName). */
const MAIN_CONTAINER = 'kserve-container';

function termination(
  terminated: NonNullable<SlimContainerStatus['state']>['terminated'],
): MlopsContainerTermination | undefined {
  if (!terminated) {
    return undefined;
  }
  const out: MlopsContainerTermination = {};
  if (terminated.reason) {
    out.reason = terminated.reason;
  }
  if (terminated.exitCode !== undefined) {
    out.exitCode = terminated.exitCode;
  }
  const finishedAt = validTime(terminated.finishedAt);
  if (finishedAt) {
    out.finishedAt = finishedAt;
  }
  if (terminated.message) {
    out.message = terminated.message;
  }
  return out;
}

/** `kubectl get pods`' word for a container that is not running: its reason, else its exit. */
function notRunningReason(
  status: SlimContainerStatus,
): { reason: string; message?: string } | undefined {
  const { waiting, terminated } = status.state ?? {};
  if (waiting?.reason) {
    return { reason: waiting.reason, message: waiting.message };
  }
  if (terminated) {
    const reason =
      terminated.reason ??
      (terminated.exitCode !== undefined
        ? `ExitCode:${terminated.exitCode}`
        : undefined);
    return reason ? { reason, message: terminated.message } : undefined;
  }
  return undefined;
}

/**
 * Reads a pod of an InferenceService: phase, readiness, restarts, the main
 * container's (`kserve-container`, else the first) reason for not running and how its
 * previous run ended.
 *
 * @public
 */
export function readPod(pod: SlimPod): MlopsServingPod {
  const { metadata, spec, status } = pod;
  const statuses = status?.containerStatuses ?? [];
  const container = spec.containers.includes(MAIN_CONTAINER)
    ? MAIN_CONTAINER
    : spec.containers[0] ?? MAIN_CONTAINER;
  const main = statuses.find(s => s.name === container);
  const out: MlopsServingPod = {
    name: metadata.name,
    phase: status?.phase ?? 'Unknown',
    ready: status?.conditions?.find(c => c.type === 'Ready')?.status === 'True',
    restarts: [...statuses, ...(status?.initContainerStatuses ?? [])].reduce(
      (sum, s) => sum + (s.restartCount ?? 0),
      0,
    ),
    container,
    containers: spec.containers,
  };
  const component = metadata.labels?.component;
  if (component) {
    out.component = component;
  }
  // A failing init container (storage-initializer) explains the pod first, as in
  // `kubectl get pods` (Init:CrashLoopBackOff).
  const initFailure = (status?.initContainerStatuses ?? [])
    .map(s => {
      const r = notRunningReason(s);
      return r && r.reason !== 'Completed' && r.reason !== 'PodInitializing'
        ? { ...r, reason: `Init:${r.reason}` }
        : undefined;
    })
    .find(Boolean);
  const why =
    (status?.reason
      ? { reason: status.reason, message: status.message }
      : undefined) ??
    initFailure ??
    (main ? notRunningReason(main) : undefined);
  if (why) {
    out.reason = why.reason;
    if (why.message) {
      out.message = why.message;
    }
  }
  const last = termination(main?.lastState?.terminated);
  if (last) {
    out.lastTermination = last;
  }
  const startedAt = validTime(status?.startTime);
  if (startedAt) {
    out.startedAt = startedAt;
  }
  return out;
}
