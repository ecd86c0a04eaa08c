import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import type { MlopsNamespaceOwnershipEnforcement } from './types';

const ENFORCE_KEY = 'mlops.namespaceOwnership.enforce';

const enforcementSchema = z.enum(['off', 'mutations', 'reads-and-mutations'], {
  error: 'must be one of off, mutations, reads-and-mutations',
});

/**
 * Reads `mlops.namespaceOwnership.enforce` (default `mutations`). Throws `InputError`
 * naming the key of a bad value. (The clusters' `allowedOwners` are read with the rest
 * of `mlops.clusters`, by the cluster registry.)
 *
 * @internal
 */
export function readNamespaceOwnershipEnforcement(
  config: Config,
): MlopsNamespaceOwnershipEnforcement {
  const raw = config.getOptional(ENFORCE_KEY) ?? 'mutations';
  const parsed = enforcementSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `${ENFORCE_KEY} ${parsed.error.issues[0].message}, got ${JSON.stringify(
        raw,
      )}`,
    );
  }
  return parsed.data;
}
