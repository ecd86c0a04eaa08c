import type { SlimEvent } from './event';
import { toSlimObjectMeta } from './toSlimObjectMeta';
import { compact, num, record, str } from './slimHelpers';

/**
 * The kinds whose Events the cache keeps: a model's serving diagnosis reads the
 * Events of its InferenceService and of that service's predictor pods only.
 */
const KEPT_INVOLVED_KINDS = new Set(['Pod', 'InferenceService']);

/**
 * A `core/v1` Event as the cache keeps it (the fields `kubectl describe` shows, from
 * k8s.io/api core/v1 types.go `Event`): undefined for an Event about any other kind
 * than a Pod or an InferenceService, so that the cache holds only those.
 *
 * @internal
 */
export function toSlimEvent(raw: unknown): SlimEvent | undefined {
  const metadata = toSlimObjectMeta(raw);
  const object = record(raw);
  const involved = record(object?.involvedObject);
  const kind = str(involved?.kind);
  const name = str(involved?.name);
  if (!metadata || !kind || !name || !KEPT_INVOLVED_KINDS.has(kind)) {
    return undefined;
  }
  const series = record(object?.series);
  const source = record(object?.source);
  return compact({
    metadata,
    involvedObject: compact({
      kind,
      name,
      namespace: str(involved?.namespace),
      uid: str(involved?.uid),
      fieldPath: str(involved?.fieldPath),
    }),
    type: str(object?.type),
    reason: str(object?.reason),
    message: str(object?.message),
    count: num(object?.count),
    firstTimestamp: str(object?.firstTimestamp),
    lastTimestamp: str(object?.lastTimestamp),
    eventTime: str(object?.eventTime),
    series: series
      ? compact({
          count: num(series.count),
          lastObservedTime: str(series.lastObservedTime),
        })
      : undefined,
    reporter: str(source?.component) ?? str(object?.reportingComponent),
  });
}
