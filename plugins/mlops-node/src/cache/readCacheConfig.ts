import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The default of `mlops.cache.maxObjectsPerKind`. */
export const DEFAULT_MAX_OBJECTS_PER_KIND = 100_000;

/**
 * Reads `mlops.cache` (the object store's settings).
 *
 * @internal
 */
export function readCacheConfig(config: Config): { maxObjectsPerKind: number } {
  const max = config.getOptionalNumber('mlops.cache.maxObjectsPerKind');
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new InputError(
      'mlops.cache.maxObjectsPerKind must be a positive whole number',
    );
  }
  return { maxObjectsPerKind: max ?? DEFAULT_MAX_OBJECTS_PER_KIND };
}
