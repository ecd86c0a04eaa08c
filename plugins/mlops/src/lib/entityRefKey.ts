import { stringifyEntityRef } from '@backstage/catalog-model';
import type { MlopsEntityRef } from '../api/MlopsApi';

/**
 * The entity ref as a string, stable across renders, for hook dependencies and
 * API calls.
 *
 * @internal
 */
export function entityRefKey(ref: MlopsEntityRef): string {
  return typeof ref === 'string' ? ref : stringifyEntityRef(ref);
}
