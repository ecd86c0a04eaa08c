import { ConflictError } from '@backstage/errors';
import { clusterApiStatusOf } from '../client/MlopsClusterApiError';

/** How often a read-modify-write is tried before the conflict is reported. */
export const DEFAULT_CONFLICT_ATTEMPTS = 4;

/**
 * Runs a read-modify-write (read the object, then write with its resourceVersion)
 * again while the cluster answers 409 Conflict (someone else changed the object in
 * between), up to `attempts` times with a short growing pause; then throws a
 * `ConflictError` saying what kept changing.
 *
 * @internal
 */
export async function retryOnConflict<T>(
  what: string,
  attempt: () => Promise<T>,
  attempts: number = DEFAULT_CONFLICT_ATTEMPTS,
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (clusterApiStatusOf(error) !== 409) {
        throw error;
      }
      last = error;
      await new Promise(r => setTimeout(r, 25 * 2 ** i));
    }
  }
  throw new ConflictError(
    `${what} was changed by someone else ${attempts} times in a row while this request tried to apply its change; try again`,
    last,
  );
}
