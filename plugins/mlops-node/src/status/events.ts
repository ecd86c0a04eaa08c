import type { MlopsServingEvent } from '@backstage-mlops/plugin-mlops-common';
import type { SlimEvent } from '../kinds/event';
import { timeMillis, validTime } from './time';

// How Events read, as `kubectl describe` and `kubectl events` show them
// (kubernetes/kubectl pkg/describe/describe.go DescribeEvents: "Type Reason Age From
// Message", with `(x<count> over <age>)` for repeats; pkg/cmd/events/events.go sorts
// by last timestamp, using eventTime when a new-style recorder set no lastTimestamp,
// and a series' count and lastObservedTime for repeats; k8s.io/api core/v1 types.go
// Event: count, firstTimestamp, lastTimestamp, eventTime, series).

/** The container of a container's event (`spec.containers{kserve-container}`). */
const CONTAINER_FIELD_PATH = /^spec\.(?:initContainers|containers)\{(.+)\}$/;

function lastSeenOf(event: SlimEvent): string | undefined {
  return (
    validTime(event.series?.lastObservedTime) ??
    validTime(event.lastTimestamp) ??
    validTime(event.eventTime) ??
    validTime(event.firstTimestamp) ??
    validTime(event.metadata.creationTimestamp)
  );
}

function toServingEvent(event: SlimEvent): MlopsServingEvent {
  const container = CONTAINER_FIELD_PATH.exec(
    event.involvedObject.fieldPath ?? '',
  )?.[1];
  const out: MlopsServingEvent = {
    type: event.type === 'Warning' ? 'Warning' : 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    object: {
      kind: event.involvedObject.kind,
      name: event.involvedObject.name,
      ...(container ? { container } : {}),
    },
    count: Math.max(1, event.series?.count ?? event.count ?? 1),
  };
  const firstSeen =
    validTime(event.firstTimestamp) ?? validTime(event.eventTime);
  const lastSeen = lastSeenOf(event);
  if (firstSeen) {
    out.firstSeen = firstSeen;
  }
  if (lastSeen) {
    out.lastSeen = lastSeen;
  }
  if (event.reporter) {
    out.reporter = event.reporter;
  }
  return out;
}

function identity(event: MlopsServingEvent): string {
  return JSON.stringify([
    event.type,
    event.reason,
    event.message,
    event.object.kind,
    event.object.name,
    event.object.container ?? '',
  ]);
}

/**
 * Reads Events for a diagnosis: Events that say the same (type, reason, message, the
 * same object and container) are folded into one whose count is their sum, first and
 * last seen their span (a recorder that lost its correlation cache writes a new Event
 * for a repeat); then warnings first, each group newest first.
 *
 * @public
 */
export function readServingEvents(events: SlimEvent[]): MlopsServingEvent[] {
  const folded = new Map<string, MlopsServingEvent>();
  for (const event of events.map(toServingEvent)) {
    const key = identity(event);
    const seen = folded.get(key);
    if (!seen) {
      folded.set(key, event);
      continue;
    }
    seen.count += event.count;
    if (
      event.firstSeen &&
      (timeMillis(event.firstSeen) ?? Infinity) <
        (timeMillis(seen.firstSeen) ?? Infinity)
    ) {
      seen.firstSeen = event.firstSeen;
    }
    if ((timeMillis(event.lastSeen) ?? 0) > (timeMillis(seen.lastSeen) ?? 0)) {
      seen.lastSeen = event.lastSeen;
    }
  }
  return [...folded.values()].sort((a, b) => {
    if (a.type !== b.type) {
      return a.type === 'Warning' ? -1 : 1;
    }
    return (timeMillis(b.lastSeen) ?? 0) - (timeMillis(a.lastSeen) ?? 0);
  });
}
