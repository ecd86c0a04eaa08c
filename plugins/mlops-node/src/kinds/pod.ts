import type { SlimObjectMeta } from './objectMeta';

/**
 * The label KServe puts on every pod of an InferenceService, valued with its name
 * (kserve/kserve pkg/constants/constants.go InferenceServicePodLabelKey).
 *
 * @public
 */
export const KSERVE_INFERENCE_SERVICE_POD_LABEL =
  'serving.kserve.io/inferenceservice';

/**
 * A container's state, as `core/v1` ContainerState: exactly one of waiting, running,
 * terminated is set (none before the kubelet reports).
 *
 * @public
 */
export interface SlimContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode?: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
}

/**
 * One container's status in a pod.
 *
 * @public
 */
export interface SlimContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: SlimContainerState;
  /** The previous run, once the container has restarted. */
  lastState?: SlimContainerState;
}

/**
 * A `core/v1` Pod, reduced to what a diagnosis shows: only the pods of
 * InferenceServices are cached (the label `serving.kserve.io/inferenceservice`).
 *
 * @public
 */
export interface SlimPod {
  metadata: SlimObjectMeta;
  spec: { containers: string[]; nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: string;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
    containerStatuses?: SlimContainerStatus[];
    initContainerStatuses?: SlimContainerStatus[];
  };
}
