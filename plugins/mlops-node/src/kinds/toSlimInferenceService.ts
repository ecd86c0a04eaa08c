import type { SlimInferenceService } from './kserve';
import { toSlimConditions, toSlimObjectMeta } from './toSlimObjectMeta';
import {
  bool,
  compact,
  compactOrUndefined,
  list,
  num,
  record,
  str,
  stringMap,
} from './slimHelpers';

/** The framework shorthands of a KServe predictor (`spec.predictor.<framework>`). */
export const KSERVE_PREDICTOR_FRAMEWORKS = [
  'sklearn',
  'xgboost',
  'tensorflow',
  'pytorch',
  'triton',
  'onnx',
  'huggingface',
  'pmml',
  'lightgbm',
  'paddle',
] as const;

/**
 * Which of the three predictor forms an InferenceService uses: `model` (modelFormat +
 * runtime), a framework shorthand (`sklearn`, …) or `containers` (pod-style); with the
 * block that holds its storageUri and image.
 *
 * @internal
 */
export function predictorForm(predictor: Record<string, unknown> | undefined): {
  form?: string;
  block?: Record<string, unknown>;
} {
  const model = record(predictor?.model);
  if (model) {
    return { form: 'model', block: model };
  }
  for (const framework of KSERVE_PREDICTOR_FRAMEWORKS) {
    const block = record(predictor?.[framework]);
    if (block) {
      return { form: framework, block };
    }
  }
  const first = record(list(predictor?.containers)[0]);
  if (first) {
    return { form: 'containers', block: first };
  }
  return {};
}

function toSlimPredictorStatus(value: unknown) {
  const p = record(value);
  if (!p) {
    return undefined;
  }
  const address = record(p.address);
  return compactOrUndefined({
    address: address
      ? compactOrUndefined({ url: str(address.url) })
      : undefined,
    latestReadyRevision: str(p.latestReadyRevision),
    latestCreatedRevision: str(p.latestCreatedRevision),
    previousRolledoutRevision: str(p.previousRolledoutRevision),
    latestRolledoutRevision: str(p.latestRolledoutRevision),
    url: str(p.url),
    traffic: Array.isArray(p.traffic)
      ? list(p.traffic).map(item => {
          const t = record(item);
          return compact({
            revisionName: str(t?.revisionName),
            percent: num(t?.percent),
            tag: str(t?.tag),
            latestRevision: bool(t?.latestRevision),
          });
        })
      : undefined,
  });
}

function toSlimModelStatus(value: unknown) {
  const m = record(value);
  if (!m) {
    return undefined;
  }
  const states = record(m.states);
  const failure = record(m.lastFailureInfo);
  const copies = record(m.copies);
  return compactOrUndefined({
    transitionStatus: str(m.transitionStatus),
    states: states
      ? compactOrUndefined({
          activeModelState: str(states.activeModelState),
          targetModelState: str(states.targetModelState),
        })
      : undefined,
    lastFailureInfo: failure
      ? compactOrUndefined({
          location: str(failure.location),
          reason: str(failure.reason),
          message: str(failure.message),
          modelRevisionName: str(failure.modelRevisionName),
          time: str(failure.time),
          exitCode: num(failure.exitCode),
        })
      : undefined,
    copies: copies
      ? compactOrUndefined({
          failedCopies: num(copies.failedCopies),
          totalCopies: num(copies.totalCopies),
        })
      : undefined,
  });
}

/** `model.modelFormat`; for a framework shorthand, the framework; none for containers. */
function modelFormatOf(
  form: string | undefined,
  block: Record<string, unknown> | undefined,
) {
  if (form === 'model') {
    const format = record(block?.modelFormat);
    return format
      ? compactOrUndefined({
          name: str(format.name),
          version: str(format.version),
        })
      : undefined;
  }
  return form && form !== 'containers' ? { name: form } : undefined;
}

/**
 * A `serving.kserve.io/v1beta1` InferenceService as the cache keeps it: the predictor
 * form (detected), model format (for a framework shorthand: the framework), runtime,
 * storage URI, image, replicas, canary percent and predictor annotations; URL,
 * address, deployment mode, runtime, conditions, predictor revisions and traffic, and
 * model status. Transformer, explainer and pod specs are gone.
 *
 * @internal
 */
export function toSlimInferenceService(
  raw: unknown,
): SlimInferenceService | undefined {
  const metadata = toSlimObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const predictor = record(record(record(raw)?.spec)?.predictor);
  const { form, block } = predictorForm(predictor);
  const status = record(record(raw)?.status);
  return {
    metadata,
    spec: {
      predictor: compact({
        form,
        modelFormat: modelFormatOf(form, block),
        runtime: str(block?.runtime),
        storageUri: str(block?.storageUri),
        image: str(block?.image),
        minReplicas: num(predictor?.minReplicas),
        maxReplicas: num(predictor?.maxReplicas),
        canaryTrafficPercent: num(predictor?.canaryTrafficPercent),
        annotations: stringMap(predictor?.annotations),
      }),
    },
    status: status
      ? compact({
          url: str(status.url),
          address: record(status.address)
            ? compactOrUndefined({ url: str(record(status.address)?.url) })
            : undefined,
          deploymentMode: str(status.deploymentMode),
          servingRuntimeName: str(status.servingRuntimeName),
          clusterServingRuntimeName: str(status.clusterServingRuntimeName),
          conditions: toSlimConditions(status.conditions),
          components: record(status.components)
            ? compactOrUndefined({
                predictor: toSlimPredictorStatus(
                  record(status.components)?.predictor,
                ),
              })
            : undefined,
          modelStatus: toSlimModelStatus(status.modelStatus),
        })
      : undefined,
  };
}
