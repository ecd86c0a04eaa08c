import type {
  MlopsFailingCondition,
  MlopsInferenceServiceHealth,
  MlopsModelLoadFailure,
  MlopsModelState,
  MlopsTrafficTarget,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  SlimCondition,
  SlimInferenceService,
} from '@backstage-mlops/plugin-mlops-node';
import {
  findCondition,
  toConditionStatus,
  toMlopsCondition,
} from './conditions';
import {
  DEPLOYMENT_MODE_ANNOTATION,
  normalizeDeploymentMode,
} from './deploymentMode';
import { createdAtOf, validTime } from './time';

/** Predictor forms that are not a model format. */
const NON_FORMAT_FORMS = new Set(['model', 'containers']);

function failing(condition: SlimCondition): MlopsFailingCondition {
  const out: MlopsFailingCondition = { type: condition.type };
  if (condition.reason) {
    out.reason = condition.reason;
  }
  if (condition.message) {
    out.message = condition.message;
  }
  return out;
}

/**
 * Why an InferenceService that is not Ready is not: a `Stopped` condition that is
 * True, else the first sub-condition that is False, else `Ready` when False, else the
 * first sub-condition still Unknown, else `Ready` itself.
 */
function failingConditionOf(
  conditions: SlimCondition[],
): MlopsFailingCondition | undefined {
  const ready = findCondition(conditions, 'Ready');
  const others = conditions.filter(condition => condition.type !== 'Ready');
  const stopped = others.find(
    condition => condition.type === 'Stopped' && condition.status === 'True',
  );
  const candidate =
    stopped ??
    others.find(condition => condition.status === 'False') ??
    (ready?.status === 'False' ? ready : undefined) ??
    others.find(
      condition => condition.type !== 'Stopped' && condition.status !== 'True',
    ) ??
    ready;
  return candidate ? failing(candidate) : undefined;
}

function modelStateOf(
  modelStatus: NonNullable<SlimInferenceService['status']>['modelStatus'],
): MlopsModelState | undefined {
  if (!modelStatus) {
    return undefined;
  }
  const out: MlopsModelState = {};
  if (modelStatus.states?.activeModelState) {
    out.active = modelStatus.states.activeModelState;
  }
  if (modelStatus.states?.targetModelState) {
    out.target = modelStatus.states.targetModelState;
  }
  if (modelStatus.transitionStatus) {
    out.transitionStatus = modelStatus.transitionStatus;
  }
  const info = modelStatus.lastFailureInfo;
  if (info) {
    const failure: MlopsModelLoadFailure = {};
    if (info.reason) {
      failure.reason = info.reason;
    }
    if (info.message) {
      failure.message = info.message;
    }
    const time = validTime(info.time);
    if (time) {
      failure.time = time;
    }
    if (info.location) {
      failure.location = info.location;
    }
    if (typeof info.exitCode === 'number') {
      failure.exitCode = info.exitCode;
    }
    if (Object.keys(failure).length > 0) {
      out.lastFailure = failure;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function trafficOf(isvc: SlimInferenceService): MlopsTrafficTarget[] {
  return (isvc.status?.components?.predictor?.traffic ?? []).map(target => {
    const out: MlopsTrafficTarget = {};
    if (target.revisionName) {
      out.revision = target.revisionName;
    }
    if (typeof target.percent === 'number') {
      out.percent = target.percent;
    }
    if (target.tag) {
      out.tag = target.tag;
    }
    if (typeof target.latestRevision === 'boolean') {
      out.latest = target.latestRevision;
    }
    return out;
  });
}

/**
 * The health of a KServe InferenceService for the wire: `Ready` and every other
 * condition (Ready first), the condition that keeps it from being Ready, its URLs, the
 * deployment mode (status, else the `serving.kserve.io/deploymentMode` annotation;
 * legacy names mapped to current ones), runtime, model format and storage, the
 * model's state with its last load failure, and Knative traffic when present.
 *
 * @internal
 */
export function toInferenceServiceHealth(
  isvc: SlimInferenceService,
): MlopsInferenceServiceHealth {
  const { metadata, spec, status } = isvc;
  const conditions = status?.conditions ?? [];
  const ready = toConditionStatus(findCondition(conditions, 'Ready')?.status);
  const ordered = [
    ...conditions.filter(condition => condition.type === 'Ready'),
    ...conditions.filter(condition => condition.type !== 'Ready'),
  ];
  const out: MlopsInferenceServiceHealth = {
    name: metadata.name,
    ready,
    conditions: ordered.map(toMlopsCondition),
    traffic: trafficOf(isvc),
    createdAt: createdAtOf(metadata),
  };
  if (ready !== 'True') {
    const failingCondition = failingConditionOf(conditions);
    if (failingCondition) {
      out.failingCondition = failingCondition;
    }
  }
  if (status?.url) {
    out.url = status.url;
  }
  const internalUrl =
    status?.address?.url ?? status?.components?.predictor?.url;
  if (internalUrl) {
    out.internalUrl = internalUrl;
  }
  const modeName =
    status?.deploymentMode ??
    metadata.annotations?.[DEPLOYMENT_MODE_ANNOTATION];
  const mode = normalizeDeploymentMode(modeName);
  if (mode) {
    out.deploymentMode = mode;
  }
  if (modeName) {
    out.deploymentModeName = modeName;
  }
  const predictor = spec?.predictor;
  const runtime =
    status?.servingRuntimeName ??
    status?.clusterServingRuntimeName ??
    predictor?.runtime;
  if (runtime) {
    out.runtime = runtime;
  }
  const modelFormat =
    predictor?.modelFormat?.name ??
    (predictor?.form && !NON_FORMAT_FORMS.has(predictor.form)
      ? predictor.form
      : undefined);
  if (modelFormat) {
    out.modelFormat = modelFormat;
  }
  if (predictor?.storageUri) {
    out.storageUri = predictor.storageUri;
  }
  const modelState = modelStateOf(status?.modelStatus);
  if (modelState) {
    out.modelState = modelState;
  }
  return out;
}
