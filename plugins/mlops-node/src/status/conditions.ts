import type {
  MlopsCondition,
  MlopsConditionStatus,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimCondition } from '../kinds/objectMeta';
import { validTime } from './time';

/**
 * The condition of a given type, if present.
 *
 * @public
 */
export function findCondition<T extends { type: string }>(
  conditions: readonly T[] | undefined,
  type: string,
): T | undefined {
  return conditions?.find(condition => condition.type === type);
}

/**
 * A condition status as one of `True`, `False`, `Unknown` (anything else is
 * `Unknown`).
 *
 * @public
 */
export function toConditionStatus(
  status: string | undefined,
): MlopsConditionStatus {
  return status === 'True' || status === 'False' ? status : 'Unknown';
}

/**
 * A condition for the wire, without empty fields. Knative's `Info` and `Warning`
 * severities are kept (they mark a condition that does not decide readiness); the
 * default, `Error` (written as absent or `""`), is left out.
 *
 * @public
 */
export function toMlopsCondition(condition: SlimCondition): MlopsCondition {
  const out: MlopsCondition = {
    type: condition.type,
    status: toConditionStatus(condition.status),
  };
  if (condition.reason) {
    out.reason = condition.reason;
  }
  if (condition.message) {
    out.message = condition.message;
  }
  const time = validTime(condition.lastTransitionTime);
  if (time) {
    out.lastTransitionTime = time;
  }
  if (condition.severity === 'Info' || condition.severity === 'Warning') {
    out.severity = condition.severity;
  }
  return out;
}
