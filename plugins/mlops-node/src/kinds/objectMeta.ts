/**
 * The metadata the cache keeps of every object: identity, version, labels and the
 * annotations the plugin reads. `managedFields`, `last-applied-configuration` and other
 * bulk are dropped.
 *
 * @public
 */
export interface SlimObjectMeta {
  name: string;
  /** The object's namespace; `''` for a cluster-scoped object (a Namespace). */
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * A `metav1.Condition` / Knative condition as the plugin shows it.
 *
 * @public
 */
export interface SlimCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  /**
   * Knative's severity: absent (`Error`) for a condition that decides readiness,
   * `Info` or `Warning` for one that does not.
   */
  severity?: string;
}

/**
 * A `{name, value}` pair of Tekton params and results (values may be strings, arrays
 * or objects).
 *
 * @public
 */
export interface SlimNameValue {
  name: string;
  value: unknown;
}
