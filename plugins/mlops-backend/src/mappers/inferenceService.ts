import type { MlopsInferenceServiceHealth } from '@backstage-mlops/plugin-mlops-common';
import {
  readInferenceService,
  type SlimInferenceService,
} from '@backstage-mlops/plugin-mlops-node';
import { createdAtOf } from './time';

/**
 * The health of a KServe InferenceService for the wire: what the status vocabulary
 * reads of it (`readInferenceService`), with its name and creation time.
 *
 * @internal
 */
export function toInferenceServiceHealth(
  isvc: SlimInferenceService,
): MlopsInferenceServiceHealth {
  return {
    name: isvc.metadata.name,
    ...readInferenceService(isvc),
    createdAt: createdAtOf(isvc.metadata),
  };
}
