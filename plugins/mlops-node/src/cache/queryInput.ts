import { InputError } from '@backstage/errors';
import {
  clusterNameSchema,
  dns1123LabelSchema,
} from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';
import {
  isClusterScopedKind,
  MLOPS_RESOURCE_KINDS,
  type MlopsResourceKindId,
} from '../kinds/resourceKinds';

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

const querySchema = z
  .object({
    cluster: clusterNameSchema,
    kind: z.enum(Object.keys(MLOPS_RESOURCE_KINDS) as [MlopsResourceKindId]),
    namespace: dns1123LabelSchema.optional(),
    name: z
      .string()
      .min(1, 'must not be empty')
      .max(253, 'must be at most 253 characters')
      .optional(),
    labels: z
      .record(
        z.string().max(317).regex(LABEL_KEY, 'must be a label key'),
        z.string().max(63).regex(LABEL_VALUE, 'must be a label value'),
      )
      .optional(),
  })
  .superRefine((query, ctx) => {
    const clusterScoped = isClusterScopedKind(query.kind);
    if (clusterScoped && query.namespace !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['namespace'],
        message: `must not be given: ${query.kind} are cluster-scoped`,
      });
    }
    if (!clusterScoped && query.namespace === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['namespace'],
        message: 'is required',
      });
    }
  });

/**
 * A validated object store query.
 *
 * @internal
 */
export type ParsedQuery = z.infer<typeof querySchema>;

/**
 * Validates a query of the object store, throwing `InputError` naming the bad field.
 *
 * @internal
 */
export function parseQuery(query: unknown): ParsedQuery {
  const result = querySchema.safeParse(query);
  if (!result.success) {
    throw new InputError(
      `invalid object query: ${result.error.issues
        .map(i => `${i.path.join('.') || 'query'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}
