import {
  dns1123LabelSchema,
  parseAllowedOwners,
} from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';

const ownerRef = z
  .string({ error: 'must be a string' })
  .trim()
  .refine(value => parseAllowedOwners([value]).owners.length === 1, {
    message: 'must be a user or group ref, e.g. group:default/my-team',
  });

/**
 * `mlops.clusters[].allowedOwners`: per namespace of the cluster, the owners whose
 * entities may use it, as the namespace's `mlops.backstage.io/allowed-owners`
 * annotation would name them (for clusters whose namespaces the portal's admins cannot
 * annotate). Parsed to normalized refs (`group:default/my-team`).
 *
 * @internal
 */
export const allowedOwnersSchema = z
  .record(
    dns1123LabelSchema,
    z
      .array(ownerRef, { error: 'must be a list of user or group refs' })
      .min(1, 'must name at least one owner')
      .transform(owners => parseAllowedOwners(owners).owners),
    {
      error: issue =>
        issue.code === 'invalid_key'
          ? 'is not a namespace name (a DNS-1123 label)'
          : 'must map namespace names to lists of owner refs',
    },
  )
  .transform(map => new Map(Object.entries(map)));
