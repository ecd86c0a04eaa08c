/**
 * The value of a Tekton param or result: a string, an array of strings or an object of
 * strings (Tekton's three param types).
 *
 * @public
 */
export type MlopsParamValue = string | string[] | Record<string, string>;

/**
 * A named param or result of a run.
 *
 * @public
 */
export interface MlopsNameValue {
  name: string;
  value: MlopsParamValue;
}

/**
 * The status of a Kubernetes condition.
 *
 * @public
 */
export type MlopsConditionStatus = 'True' | 'False' | 'Unknown';

/**
 * A Kubernetes condition (`metav1.Condition` or Knative style) as the UI shows it.
 *
 * @public
 */
export interface MlopsCondition {
  /** The condition type, e.g. `Ready`, `PredictorReady`, `ValidationComplete`. */
  type: string;
  status: MlopsConditionStatus;
  /** Machine-readable reason in CamelCase, e.g. `ModelLoadFailed`. */
  reason?: string;
  /** Human-readable message. */
  message?: string;
  /** When the status last changed (ISO 8601). */
  lastTransitionTime?: string;
  /**
   * Set for a Knative-style condition that does not decide readiness
   * (`severity: Info` or `Warning`): when False it is a symptom or a note, not the
   * cause.
   */
  severity?: 'Info' | 'Warning';
}
