import { z } from 'zod';

const text = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty');

/**
 * `mlops.clusters[].scaffolder`: the second identity of a cluster, used only by the
 * scaffolder module's actions (they create namespaced objects; the backend identity
 * only reads). Exactly one of a token or a token file.
 *
 * @internal
 */
export const scaffolderIdentitySchema = z
  .object(
    {
      serviceAccountToken: text.optional(),
      serviceAccountTokenFile: text.optional(),
    },
    { error: 'must be an object' },
  )
  .strict()
  .superRefine((identity, ctx) => {
    const given = [
      identity.serviceAccountToken && 'serviceAccountToken',
      identity.serviceAccountTokenFile && 'serviceAccountTokenFile',
    ].filter(Boolean);
    if (given.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'needs serviceAccountToken or serviceAccountTokenFile',
      });
    } else if (given.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceAccountTokenFile'],
        message: 'cannot be combined with serviceAccountToken; choose one',
      });
    }
  });

/**
 * A parsed `mlops.clusters[].scaffolder` entry.
 *
 * @internal
 */
export type ScaffolderIdentityConfig = z.infer<typeof scaffolderIdentitySchema>;
