import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { readClusterConnections } from '../clusters/readClusterConnections';
import type { MlopsNamespaceOwnershipEnforcement } from './types';

const ENFORCE_KEY = 'mlops.namespaceOwnership.enforce';

const enforcementSchema = z.enum(['off', 'mutations', 'reads-and-mutations'], {
  error: 'must be one of off, mutations, reads-and-mutations',
});

/**
 * The namespace-ownership settings: the enforcement and, per cluster and namespace,
 * the owners `mlops.clusters[].allowedOwners` allows.
 *
 * @internal
 */
export interface NamespaceOwnershipConfig {
  enforcement: MlopsNamespaceOwnershipEnforcement;
  /** cluster → namespace → owner refs */
  allowedOwners: ReadonlyMap<string, ReadonlyMap<string, string[]>>;
}

/**
 * Reads `mlops.namespaceOwnership.enforce` (default `mutations`) and the clusters'
 * `allowedOwners`. Throws `InputError` naming the key of a bad value.
 *
 * @internal
 */
export function readNamespaceOwnershipConfig(
  config: Config,
): NamespaceOwnershipConfig {
  const raw = config.getOptional(ENFORCE_KEY) ?? 'mutations';
  const parsed = enforcementSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `${ENFORCE_KEY} ${parsed.error.issues[0].message}, got ${JSON.stringify(
        raw,
      )}`,
    );
  }
  const allowedOwners = new Map<string, ReadonlyMap<string, string[]>>();
  for (const connection of readClusterConnections(config)) {
    if (connection.allowedOwners) {
      allowedOwners.set(connection.descriptor.name, connection.allowedOwners);
    }
  }
  return { enforcement: parsed.data, allowedOwners };
}
