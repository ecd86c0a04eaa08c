import type {
  MlopsCondition,
  MlopsConditionStatus,
  MlopsModelStateName,
  MlopsRunStatus,
  MlopsWorkbenchStateName,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * The kinds of status the UI draws, one per core-components status icon
 * (`StatusOK`, `StatusError`, `StatusWarning`, `StatusRunning`, `StatusPending`,
 * `StatusAborted`).
 *
 * @internal
 */
export type StatusTone =
  | 'ok'
  | 'error'
  | 'warning'
  | 'running'
  | 'pending'
  | 'aborted';

const RUN_TONES: Record<MlopsRunStatus, StatusTone> = {
  Succeeded: 'ok',
  Failed: 'error',
  TimedOut: 'error',
  Running: 'running',
  Pending: 'pending',
  Cancelled: 'aborted',
  Cancelling: 'aborted',
  Unknown: 'warning',
};

const RUN_LABELS: Record<MlopsRunStatus, string> = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  TimedOut: 'Timed out',
  Running: 'Running',
  Pending: 'Pending',
  Cancelled: 'Cancelled',
  Cancelling: 'Cancelling',
  Unknown: 'Unknown',
};

/** @internal */
export function runStatusTone(status: MlopsRunStatus): StatusTone {
  return RUN_TONES[status] ?? 'warning';
}

/** The status in words, e.g. `Timed out`. @internal */
export function runStatusLabel(status: MlopsRunStatus): string {
  return RUN_LABELS[status] ?? status;
}

/** @internal */
export function conditionTone(status: MlopsConditionStatus): StatusTone {
  if (status === 'True') {
    return 'ok';
  }
  return status === 'False' ? 'error' : 'pending';
}

/**
 * The tone of one row of a conditions table. Knative's severities
 * (knative.dev/pkg `apis/condition_types.go`): a False condition of severity
 * `Warning` is a warning, one of severity `Info` is "purely informational" and
 * does not decide readiness, so it is drawn grey. KServe's `Stopped` condition
 * (kserve `pkg/apis/serving/v1beta1/inference_service_status.go`) is True when
 * the service has been stopped, so its False is the good state.
 *
 * @internal
 */
export function conditionRowTone(condition: MlopsCondition): StatusTone {
  if (condition.type === 'Stopped') {
    if (condition.status === 'Unknown') {
      return 'pending';
    }
    return condition.status === 'True' ? 'aborted' : 'ok';
  }
  if (condition.status === 'False' && condition.severity === 'Info') {
    return 'aborted';
  }
  if (condition.status === 'False' && condition.severity === 'Warning') {
    return 'warning';
  }
  return conditionTone(condition.status);
}

/** @internal */
export function workbenchTone(state: MlopsWorkbenchStateName): StatusTone {
  switch (state) {
    case 'Running':
      return 'ok';
    case 'Starting':
      return 'running';
    case 'Stopping':
    case 'Stopped':
      return 'aborted';
    case 'Failed':
      return 'error';
    default:
      return 'warning';
  }
}

/**
 * The tone of a model's state in its server, as the backend read it.
 *
 * @internal
 */
export function modelStateTone(
  state: MlopsModelStateName | undefined,
): StatusTone {
  switch (state) {
    case 'Loaded':
      return 'ok';
    case 'FailedToLoad':
      return 'error';
    case 'Loading':
      return 'running';
    case 'Pending':
    case 'Standby':
      return 'pending';
    default:
      return 'warning';
  }
}
