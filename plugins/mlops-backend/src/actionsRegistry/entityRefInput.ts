import type { z } from 'zod/v3';

/**
 * The input field every mlops action takes: the entity, as a ref string.
 *
 * @internal
 */
export function entityRefField(zod: typeof z) {
  return zod
    .string()
    .min(1)
    .describe(
      'The catalog entity ref of an ml-model Component (or, for training, an ml-pipeline Resource), e.g. "component:default/anomaly-detector".',
    );
}
