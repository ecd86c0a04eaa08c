import { InputError } from '@backstage/errors';
import { dns1123LabelSchema } from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';

/** One URL path segment: an object name, plural, version. */
const segment = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .refine(
    s => !s.includes('/') && s !== '.' && s !== '..',
    'must be a single path segment',
  );

const resource = z.object({
  group: z
    .string()
    .max(253)
    .refine(s => !s.includes('/'), 'must not contain "/"'),
  version: segment,
  plural: segment,
});

const selector = z.string().max(4096, 'must be at most 4096 characters');

/** @internal */
export const listObjectsSchema = z.object({
  resource,
  namespace: dns1123LabelSchema.optional(),
  labelSelector: selector.optional(),
  fieldSelector: selector.optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
  continue: z.string().max(8192).optional(),
});

/** @internal */
export const objectSchema = z.object({
  resource,
  namespace: dns1123LabelSchema.optional(),
  name: segment,
});

/** @internal */
export const createObjectSchema = z.object({
  resource,
  namespace: dns1123LabelSchema.optional(),
  body: z.record(z.string(), z.unknown()),
  dryRun: z.boolean().optional(),
  fieldManager: z.string().max(128).optional(),
});

/** @internal */
export const patchObjectSchema = objectSchema.extend({
  patch: z.record(z.string(), z.unknown()),
  subresource: segment.optional(),
  dryRun: z.boolean().optional(),
  fieldManager: z.string().max(128).optional(),
});

/** @internal */
export const applyObjectSchema = objectSchema.extend({
  body: z.record(z.string(), z.unknown()),
  fieldManager: z.string().min(1).max(128),
  force: z.boolean().optional(),
  dryRun: z.boolean().optional(),
});

/** @internal */
export const podLogSchema = z.object({
  namespace: dns1123LabelSchema,
  name: segment,
  container: segment.optional(),
  tailLines: z.number().int().min(0).optional(),
  limitBytes: z.number().int().min(1).optional(),
});

/** @internal */
export const logStreamSchema = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('pod'),
      namespace: dns1123LabelSchema,
      name: segment,
      container: segment.optional(),
    }),
    z.object({
      kind: z.literal('build'),
      namespace: dns1123LabelSchema,
      name: segment,
    }),
  ]),
  follow: z.boolean().optional(),
  tailLines: z.number().int().min(0).optional(),
  limitBytes: z.number().int().min(1).optional(),
  sinceTime: z.iso.datetime({ offset: true }).optional(),
  idleTimeoutMs: z.number().int().min(1).optional(),
});

/** @internal */
export const rawRequestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z
    .string()
    .max(2048)
    .regex(
      /^\/(api|apis)(\/[^/?#]+)*$/,
      'must be an API path (/api/… or /apis/…) without a query string',
    )
    .refine(
      p => !p.split('/').some(s => s === '.' || s === '..'),
      'must not contain . or .. segments',
    ),
  query: z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean()]).optional(),
    )
    .optional(),
  body: z.unknown().optional(),
  contentType: z.string().max(128).optional(),
});

/** @internal */
export const watchSchema = z.object({
  resource,
  namespace: dns1123LabelSchema.optional(),
  resourceVersion: z.string().max(64).optional(),
  labelSelector: selector.optional(),
  fieldSelector: selector.optional(),
  allowBookmarks: z.boolean().optional(),
  timeoutSeconds: z.number().int().min(1).optional(),
  idleTimeoutMs: z.number().int().min(1).optional(),
});

/**
 * Parses a request to a cluster client, throwing `InputError` naming the bad field.
 *
 * @internal
 */
export function parseRequest<T>(
  schema: z.ZodType<T>,
  input: unknown,
  what: string,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `invalid ${what}: ${result.error.issues
        .map(i => `${i.path.join('.') || 'request'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}
