import { InputError } from '@backstage/errors';
import { clusterNameSchema } from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';
import {
  MLOPS_RESOURCE_KINDS,
  type MlopsResourceKindId,
} from '../kinds/resourceKinds';

const listCachedSchema = z.object({
  cluster: clusterNameSchema,
  kind: z.enum(Object.keys(MLOPS_RESOURCE_KINDS) as [MlopsResourceKindId]),
});

/**
 * Validates the argument of `listCached`, throwing `InputError` naming the bad field.
 *
 * @internal
 */
export function parseListCachedQuery(
  query: unknown,
): z.infer<typeof listCachedSchema> {
  const result = listCachedSchema.safeParse(query);
  if (!result.success) {
    throw new InputError(
      `invalid cached-object list: ${result.error.issues
        .map(i => `${i.path.join('.') || 'query'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}
