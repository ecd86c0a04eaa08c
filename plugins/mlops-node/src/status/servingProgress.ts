import type {
  MlopsServingProgressStep,
  MlopsServingStepState,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimInferenceService } from '../kinds/kserve';
import type { SlimPod } from '../kinds/pod';
import { findCondition } from './conditions';
import { timeMillis } from './time';

// The progress of an InferenceService's deployment, step by step, as OpenShift AI's
// dashboard explains it (opendatahub-io/odh-dashboard
// packages/model-serving/docs/deployment-status-inferenceservice.md: "Deployment
// requested, Pod scheduled, Model downloaded, Model server started, Model loaded,
// Ingress ready, Deployment ready", with the error forms "Pod scheduling failed",
// "Model download failed", "Model server crashed"), read from the service's status
// (kserve/kserve pkg/apis/serving/v1beta1/inference_service_status.go: conditions
// IngressReady and Ready, modelStatus.states, transitionStatus, lastFailureInfo)
// and from its newest predictor pod.

/** KServe's init container that downloads the model (kserve/kserve pkg/constants/constants.go StorageInitializerContainerName). */
const STORAGE_INITIALIZER = 'storage-initializer';
const MAIN_CONTAINER = 'kserve-container';

type Outcome = { state: 'done' | 'failed'; label?: string; detail?: string };

interface StepDraft {
  id: string;
  label: string;
  outcome?: Outcome;
}

function newestPod(pods: SlimPod[]): SlimPod | undefined {
  const created = (pod: SlimPod) =>
    timeMillis(pod.metadata.creationTimestamp) ??
    timeMillis(pod.status?.startTime) ??
    0;
  return [...pods]
    .filter(
      pod => (pod.metadata.labels?.component ?? 'predictor') === 'predictor',
    )
    .sort((a, b) => created(b) - created(a))[0];
}

function joined(...parts: Array<string | undefined>): string | undefined {
  const text = parts.filter(Boolean).join(': ');
  return text || undefined;
}

function scheduled(pod: SlimPod | undefined): Outcome | undefined {
  const condition = pod?.status?.conditions?.find(
    c => c.type === 'PodScheduled',
  );
  if (condition?.status === 'True') {
    return { state: 'done' };
  }
  if (condition?.status === 'False') {
    return {
      state: 'failed',
      label: 'Pod scheduling failed',
      detail: condition.reason,
    };
  }
  return pod?.status?.phase && pod.status.phase !== 'Pending'
    ? { state: 'done' }
    : undefined;
}

function downloaded(pod: SlimPod | undefined): Outcome | undefined | null {
  const init = pod?.status?.initContainerStatuses?.find(
    s => s.name === STORAGE_INITIALIZER,
  );
  if (!init) {
    return null; // no download step: the model is mounted (a PVC) or the pod is not there
  }
  const { waiting, terminated } = init.state ?? {};
  if (terminated?.exitCode === 0) {
    return { state: 'done' };
  }
  if (terminated || waiting?.reason === 'CrashLoopBackOff') {
    return {
      state: 'failed',
      label: 'Model download failed',
      detail: joined(
        waiting?.reason ?? terminated?.reason,
        init.lastState?.terminated?.message ?? terminated?.message,
      ),
    };
  }
  return undefined;
}

function serverStarted(
  isvc: SlimInferenceService,
  pod: SlimPod | undefined,
): Outcome | undefined {
  const main = pod?.status?.containerStatuses?.find(
    s => s.name === MAIN_CONTAINER,
  );
  const failure = isvc.status?.modelStatus?.lastFailureInfo;
  const crashed =
    main?.state?.waiting?.reason === 'CrashLoopBackOff' ||
    main?.state?.terminated !== undefined;
  if (main?.state?.running && !crashed) {
    return { state: 'done' };
  }
  if (crashed) {
    return {
      state: 'failed',
      label: 'Model server crashed',
      detail: joined(
        failure?.reason ??
          main?.lastState?.terminated?.reason ??
          main?.state?.waiting?.reason,
        failure?.message ?? main?.lastState?.terminated?.message,
      ),
    };
  }
  if (
    main?.state?.waiting?.reason &&
    main.state.waiting.reason !== 'ContainerCreating'
  ) {
    return {
      state: 'failed',
      label: 'Model server did not start',
      detail: joined(main.state.waiting.reason, main.state.waiting.message),
    };
  }
  return undefined;
}

function modelLoaded(isvc: SlimInferenceService): Outcome | undefined {
  const model = isvc.status?.modelStatus;
  if (model?.states?.targetModelState === 'FailedToLoad') {
    const failure = model.lastFailureInfo;
    return {
      state: 'failed',
      label: 'Model failed to load',
      detail: joined(failure?.reason, failure?.message),
    };
  }
  return model?.states?.activeModelState === 'Loaded' &&
    model.transitionStatus === 'UpToDate'
    ? { state: 'done' }
    : undefined;
}

function conditionTrue(
  isvc: SlimInferenceService,
  type: string,
): Outcome | undefined {
  return findCondition(isvc.status?.conditions ?? [], type)?.status === 'True'
    ? { state: 'done' }
    : undefined;
}

/**
 * The steps of an InferenceService's deployment: each done, failed (with its error
 * label and the cluster's reason), active (the first step not yet done) or pending.
 * A step with no signal of its own is done when a later step has a verdict. Steps after a failed
 * one are pending. A stopped service has only its first step,
 * pending.
 *
 * @public
 */
export function readServingProgress(
  isvc: SlimInferenceService,
  pods: SlimPod[],
): MlopsServingProgressStep[] {
  if (
    findCondition(isvc.status?.conditions ?? [], 'Stopped')?.status === 'True'
  ) {
    return [
      {
        id: 'requested',
        label: 'Deployment requested',
        state: 'pending',
        detail: 'Stopped (serving.kserve.io/stop)',
      },
    ];
  }
  const pod = newestPod(pods);
  const download = downloaded(pod);
  const drafts: StepDraft[] = [
    {
      id: 'requested',
      label: 'Deployment requested',
      outcome: { state: 'done' },
    },
    { id: 'scheduled', label: 'Pod scheduled', outcome: scheduled(pod) },
    ...(download === null
      ? []
      : [{ id: 'downloaded', label: 'Model downloaded', outcome: download }]),
    {
      id: 'serverStarted',
      label: 'Model server started',
      outcome: serverStarted(isvc, pod),
    },
    { id: 'modelLoaded', label: 'Model loaded', outcome: modelLoaded(isvc) },
    {
      id: 'ingressReady',
      label: 'Ingress ready',
      outcome: conditionTrue(isvc, 'IngressReady'),
    },
    {
      id: 'ready',
      label: 'Deployment ready',
      outcome: conditionTrue(isvc, 'Ready'),
    },
  ];
  // A step without a signal of its own (no pod to read) is done when a later one has
  // a verdict: a model that loaded, or failed to load, had its pod scheduled and its
  // server started.
  drafts.forEach((draft, i) => {
    if (
      !draft.outcome &&
      drafts.slice(i + 1).some(later => later.outcome !== undefined)
    ) {
      draft.outcome = { state: 'done' };
    }
  });
  const steps: MlopsServingProgressStep[] = [];
  let blocked = false;
  for (const draft of drafts) {
    let state: MlopsServingStepState;
    if (blocked) {
      state = 'pending';
    } else if (draft.outcome) {
      state = draft.outcome.state;
      blocked = state === 'failed';
    } else {
      state = 'active';
      blocked = true;
    }
    const step: MlopsServingProgressStep = {
      id: draft.id,
      label:
        state === 'failed' ? draft.outcome?.label ?? draft.label : draft.label,
      state,
    };
    if (state === 'failed' && draft.outcome?.detail) {
      step.detail = draft.outcome.detail;
    }
    steps.push(step);
  }
  return steps;
}
