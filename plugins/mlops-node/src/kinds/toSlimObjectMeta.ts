import type {
  SlimCondition,
  SlimNameValue,
  SlimObjectMeta,
} from './objectMeta';
import { compact, list, record, str, stringMap } from './slimHelpers';

/** Annotations that are bulk, never shown. */
const DROPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
]);
/** Longer annotation values are dropped (serialized objects, not metadata). */
const MAX_ANNOTATION_LENGTH = 4096;

/**
 * The identity, version, labels and annotations of an object; `managedFields`,
 * `ownerReferences`, `last-applied-configuration` and annotation values longer than
 * 4 KiB are gone. Undefined when the object lacks a name, namespace (unless it is
 * cluster-scoped: its namespace is then `''`), uid or resourceVersion (it cannot be
 * cached).
 *
 * @internal
 */
export function toSlimObjectMeta(
  raw: unknown,
  scope: 'namespaced' | 'cluster' = 'namespaced',
): SlimObjectMeta | undefined {
  const metadata = record(record(raw)?.metadata);
  const name = str(metadata?.name);
  const namespace = scope === 'cluster' ? '' : str(metadata?.namespace);
  const uid = str(metadata?.uid);
  const resourceVersion = str(metadata?.resourceVersion);
  const namespaceOk = scope === 'cluster' || Boolean(namespace);
  if (!name || !namespaceOk || !uid || !resourceVersion) {
    return undefined;
  }
  // Kept ones are copied (not the dropped ones deleted: see compact()).
  let annotations: Record<string, string> | undefined = {};
  for (const [key, value] of Object.entries(
    stringMap(metadata?.annotations) ?? {},
  )) {
    if (
      !DROPPED_ANNOTATIONS.has(key) &&
      value.length <= MAX_ANNOTATION_LENGTH
    ) {
      annotations[key] = value;
    }
  }
  if (!Object.keys(annotations).length) {
    annotations = undefined;
  }
  const labels = stringMap(metadata?.labels);
  return compact({
    name,
    namespace: namespace ?? '',
    uid,
    resourceVersion,
    creationTimestamp: str(metadata?.creationTimestamp),
    labels: labels && Object.keys(labels).length ? labels : undefined,
    annotations,
  });
}

/**
 * `status.conditions[]`, keeping type, status, reason, message, lastTransitionTime and
 * Knative's severity.
 *
 * @internal
 */
export function toSlimConditions(value: unknown): SlimCondition[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return list(value).flatMap(item => {
    const c = record(item);
    const type = str(c?.type);
    const status = str(c?.status);
    return type && status
      ? [
          compact({
            type,
            status,
            reason: str(c?.reason),
            message: str(c?.message),
            lastTransitionTime: str(c?.lastTransitionTime),
            severity: str(c?.severity) || undefined,
          }),
        ]
      : [];
  });
}

/**
 * Tekton `{name, value}` pairs (params, results).
 *
 * @internal
 */
export function toSlimNameValues(value: unknown): SlimNameValue[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return list(value).flatMap(item => {
    const p = record(item);
    const name = str(p?.name);
    return name ? [{ name, value: p?.value }] : [];
  });
}
