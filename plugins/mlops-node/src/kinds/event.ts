import type { SlimObjectMeta } from './objectMeta';

/**
 * A `core/v1` Event, reduced to what a diagnosis shows. Only Events about Pods and
 * InferenceServices are cached.
 *
 * @public
 */
export interface SlimEvent {
  metadata: SlimObjectMeta;
  involvedObject: {
    kind: string;
    name: string;
    namespace?: string;
    uid?: string;
    /** The container, for a container's event (`spec.containers{kserve-container}`). */
    fieldPath?: string;
  };
  /** `Normal` or `Warning`. */
  type?: string;
  reason?: string;
  message?: string;
  /** How many times the same event was recorded (older recorders; `series.count` otherwise). */
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  /** Set by the events.k8s.io recorder instead of first/lastTimestamp. */
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  /** Who recorded it (`source.component` or `reportingComponent`). */
  reporter?: string;
}
