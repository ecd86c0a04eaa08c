import type {
  MlopsCondition,
  MlopsConditionStatus,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimCondition } from '@backstage-mlops/plugin-mlops-node';
import { validTime } from './time';

/**
 * The condition of a given type, if present.
 *
 * @internal
 */
export function findCondition(
  conditions: SlimCondition[] | undefined,
  type: string,
): SlimCondition | undefined {
  return conditions?.find(condition => condition.type === type);
}

/**
 * A condition status as one of `True`, `False`, `Unknown` (anything else is
 * `Unknown`).
 *
 * @internal
 */
export function toConditionStatus(
  status: string | undefined,
): MlopsConditionStatus {
  return status === 'True' || status === 'False' ? status : 'Unknown';
}

/**
 * A condition for the wire, without empty fields.
 *
 * @internal
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
  return out;
}
