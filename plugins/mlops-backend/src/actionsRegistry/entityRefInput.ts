import { MLOPS_MAX_PAGE_SIZE } from '@backstage-mlops/plugin-mlops-common';
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

/**
 * The optional `limit` field of the actions that read a page of runs.
 *
 * @internal
 */
export function runLimitField(zod: typeof z, what: string) {
  return zod
    .number()
    .int()
    .min(1)
    .max(MLOPS_MAX_PAGE_SIZE)
    .optional()
    .describe(`${what} (1–${MLOPS_MAX_PAGE_SIZE}, default 25).`);
}
