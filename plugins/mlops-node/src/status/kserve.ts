import type {
  MlopsDeploymentMode,
  MlopsFailingCondition,
  MlopsInferenceServiceHealth,
  MlopsModelLoadFailure,
  MlopsModelState,
  MlopsModelStateName,
  MlopsRevisions,
  MlopsTrafficTarget,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimInferenceService } from '../kinds/kserve';
import type { SlimCondition } from '../kinds/objectMeta';
import {
  findCondition,
  toConditionStatus,
  toMlopsCondition,
} from './conditions';
import { validTime } from './time';

// How KServe v1beta1 InferenceService statuses read, in both deployment modes
// (kserve/kserve: pkg/apis/serving/v1beta1/inference_service_status.go,
// pkg/controller/v1beta1/inferenceservice/reconcilers/ingress/*.go; knative/pkg:
// apis/condition_set.go; knative/serving: pkg/apis/serving/v1/*_lifecycle.go).

/** The annotation that selects an InferenceService's deployment mode. @public */
export const KSERVE_DEPLOYMENT_MODE_ANNOTATION =
  'serving.kserve.io/deploymentMode';

const MODES: Readonly<Record<string, MlopsDeploymentMode>> = {
  standard: 'Standard',
  rawdeployment: 'Standard',
  knative: 'Knative',
  serverless: 'Knative',
  modelmesh: 'ModelMesh',
};

/**
 * A KServe deployment mode under its current name: the legacy `RawDeployment` is
 * `Standard` and `Serverless` is `Knative` (KServe renamed them); case is ignored.
 * Unknown names give `undefined`.
 *
 * @public
 */
export function normalizeDeploymentMode(
  name: string | undefined,
): MlopsDeploymentMode | undefined {
  const key = name?.trim().toLowerCase();
  return key && Object.prototype.hasOwnProperty.call(MODES, key)
    ? MODES[key]
    : undefined;
}

/**
 * Condition types in the order they explain why an InferenceService is not Ready:
 * a component (its Deployment in RawDeployment mode, its Knative Service in Serverless
 * mode) and its revision's configuration first; the ingress and routes, which wait for
 * the components (`Predictor ingress not created`, `RevisionMissing`), after them.
 * Knative sorts conditions by type, so the first False one in the list is often such a
 * symptom (`IngressReady`); position says nothing.
 */
const CAUSE_ORDER = [
  'PredictorReady',
  'PredictorConfigurationReady',
  'TransformerReady',
  'TransformerConfigurationReady',
  'ExplainerReady',
  'ExplainerConfigurationReady',
  'CanaryPredictorReady',
  'LatestDeploymentReady',
  'IngressReady',
  'PredictorRouteReady',
  'TransformerRouteReady',
  'ExplainerRoutesReady',
  'RoutesReady',
];

function rank(condition: SlimCondition): number {
  const index = CAUSE_ORDER.indexOf(condition.type);
  return index === -1 ? CAUSE_ORDER.length : index;
}

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
 * Why an InferenceService that is not Ready is not: `Stopped` when it is stopped; else
 * the first condition by meaning ({@link CAUSE_ORDER}) that is not True, so a
 * component that is False or still Unknown comes before the ingress and routes that
 * wait for it (`IngressReady: False, Predictor ingress not created` while the
 * predictor's Deployment is still progressing); else `Ready` itself.
 */
function causeOf(
  conditions: SlimCondition[],
): MlopsFailingCondition | undefined {
  const ready = findCondition(conditions, 'Ready');
  const stopped = conditions.find(
    c => c.type === 'Stopped' && c.status === 'True',
  );
  const others = conditions
    .filter(c => c.type !== 'Ready' && c.type !== 'Stopped')
    .sort((a, b) => rank(a) - rank(b));
  const candidate = stopped ?? others.find(c => c.status !== 'True') ?? ready;
  return candidate ? failing(candidate) : undefined;
}

const MODEL_STATES = new Set<MlopsModelStateName>([
  'Loaded',
  'Loading',
  'Pending',
  'Standby',
  'FailedToLoad',
]);

function stateName(value: string | undefined): MlopsModelStateName {
  return MODEL_STATES.has(value as MlopsModelStateName)
    ? (value as MlopsModelStateName)
    : 'Unknown';
}

type SlimModelStatus = NonNullable<
  NonNullable<SlimInferenceService['status']>['modelStatus']
>;

function toLoadFailure(
  info: SlimModelStatus['lastFailureInfo'],
): MlopsModelLoadFailure | undefined {
  if (!info) {
    return undefined;
  }
  const out: MlopsModelLoadFailure = {};
  if (info.reason) {
    out.reason = info.reason;
  }
  if (info.message) {
    out.message = info.message;
  }
  const time = validTime(info.time);
  if (time) {
    out.time = time;
  }
  if (info.location) {
    out.location = info.location;
  }
  if (typeof info.exitCode === 'number' && info.exitCode !== 0) {
    out.exitCode = info.exitCode;
  }
  if (info.modelRevisionName) {
    out.modelRevision = info.modelRevisionName;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The model's state in its server. KServe records a failed load in the *target*
 * state (`targetModelState: FailedToLoad`, `transitionStatus: BlockedByFailedLoad`,
 * `lastFailureInfo`) and an invalid spec as `InvalidSpec`; `activeModelState` stays
 * `""` or `Loaded` (the older model that still serves). So: a failed target (or an
 * active `FailedToLoad`, as older writers put it) is `FailedToLoad`, with the failure
 * from `lastFailureInfo`, its message completed from the failing condition when KServe
 * had none (the container's termination message is often empty); a load under way
 * shows the target; otherwise the active state.
 */
function modelStateOf(
  modelStatus: SlimModelStatus | undefined,
  cause: MlopsFailingCondition | undefined,
): MlopsModelState | undefined {
  if (!modelStatus) {
    return undefined;
  }
  const active = modelStatus.states?.activeModelState;
  const target = modelStatus.states?.targetModelState;
  const transition = modelStatus.transitionStatus;
  const failed =
    target === 'FailedToLoad' ||
    transition === 'BlockedByFailedLoad' ||
    transition === 'InvalidSpec' ||
    (active === 'FailedToLoad' && !target);
  let state: MlopsModelStateName;
  if (failed) {
    state = 'FailedToLoad';
  } else if (transition === 'InProgress' && target) {
    state = stateName(target);
  } else {
    state = stateName(active || target);
  }
  const out: MlopsModelState = { state };
  const lastFailure = toLoadFailure(modelStatus.lastFailureInfo);
  if (failed) {
    const loadFailure: MlopsModelLoadFailure = { ...lastFailure };
    if (!loadFailure.message && cause?.message) {
      loadFailure.message = cause.message;
    }
    if (!loadFailure.reason) {
      loadFailure.reason =
        transition === 'InvalidSpec' ? 'InvalidSpec' : cause?.reason;
    }
    out.loadFailure = loadFailure;
    if (active === 'Loaded') {
      out.previousStillServes = true;
    }
  }
  if (active !== undefined) {
    out.active = active;
  }
  if (target !== undefined) {
    out.target = target;
  }
  if (transition) {
    out.transitionStatus = transition;
  }
  if (lastFailure) {
    out.lastFailure = lastFailure;
  }
  return out;
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

function revisionsOf(isvc: SlimInferenceService): MlopsRevisions | undefined {
  const predictor = isvc.status?.components?.predictor;
  const out: MlopsRevisions = {};
  if (predictor?.latestReadyRevision) {
    out.latestReady = predictor.latestReadyRevision;
  }
  if (predictor?.latestCreatedRevision) {
    out.latestCreated = predictor.latestCreatedRevision;
  }
  if (predictor?.latestRolledoutRevision) {
    out.latestRolledOut = predictor.latestRolledoutRevision;
  }
  if (predictor?.previousRolledoutRevision) {
    out.previousRolledOut = predictor.previousRolledoutRevision;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Predictor forms that are not a model format. */
const NON_FORMAT_FORMS = new Set(['model', 'containers']);

/**
 * An InferenceService as the vocabulary reads it: everything of
 * `MlopsInferenceServiceHealth` but its name and creation time.
 *
 * @public
 */
export type InferenceServiceReading = Omit<
  MlopsInferenceServiceHealth,
  'name' | 'createdAt'
>;

/**
 * Reads a KServe InferenceService: `Ready` and every condition (Ready first, Knative
 * severities kept); when not Ready, the cause by meaning (see `causeOf`); the model's
 * state with the failure of its newest load (see `modelStateOf`); URLs; the deployment
 * mode (status, else the annotation; legacy names mapped to current ones); runtime,
 * model format and storage; Knative revisions and traffic (Serverless mode); whether it
 * is stopped.
 *
 * @public
 */
export function readInferenceService(
  isvc: SlimInferenceService,
): InferenceServiceReading {
  const { metadata, spec, status } = isvc;
  const conditions = status?.conditions ?? [];
  const ready = toConditionStatus(findCondition(conditions, 'Ready')?.status);
  const ordered = [
    ...conditions.filter(condition => condition.type === 'Ready'),
    ...conditions.filter(condition => condition.type !== 'Ready'),
  ];
  const reading: InferenceServiceReading = {
    ready,
    conditions: ordered.map(toMlopsCondition),
    traffic: trafficOf(isvc),
  };
  const cause = ready !== 'True' ? causeOf(conditions) : undefined;
  if (cause) {
    reading.failingCondition = cause;
  }
  if (findCondition(conditions, 'Stopped')?.status === 'True') {
    reading.stopped = true;
  }
  if (status?.url) {
    reading.url = status.url;
  }
  const internalUrl =
    status?.address?.url ??
    status?.components?.predictor?.address?.url ??
    status?.components?.predictor?.url;
  if (internalUrl) {
    reading.internalUrl = internalUrl;
  }
  const modeName =
    status?.deploymentMode ??
    metadata.annotations?.[KSERVE_DEPLOYMENT_MODE_ANNOTATION];
  const mode = normalizeDeploymentMode(modeName);
  if (mode) {
    reading.deploymentMode = mode;
  }
  if (modeName) {
    reading.deploymentModeName = modeName;
  }
  const predictor = spec?.predictor;
  const runtime =
    status?.servingRuntimeName ??
    status?.clusterServingRuntimeName ??
    predictor?.runtime;
  if (runtime) {
    reading.runtime = runtime;
  }
  const modelFormat =
    predictor?.modelFormat?.name ??
    (predictor?.form && !NON_FORMAT_FORMS.has(predictor.form)
      ? predictor.form
      : undefined);
  if (modelFormat) {
    reading.modelFormat = modelFormat;
  }
  if (predictor?.storageUri) {
    reading.storageUri = predictor.storageUri;
  }
  const modelState = modelStateOf(
    status?.modelStatus,
    cause ?? causeOf(conditions),
  );
  if (modelState) {
    reading.modelState = modelState;
  }
  const revisions = revisionsOf(isvc);
  if (revisions) {
    reading.revisions = revisions;
  }
  return reading;
}
