import { createHash } from 'node:crypto';

/**
 * The hex sha256 of a string: the fixed-length primary key of the plugin's tables
 * whose natural keys are long.
 *
 * @internal
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
