import type { SlimNamespace } from './namespace';
import { toSlimObjectMeta } from './toSlimObjectMeta';

/**
 * A Namespace as the cache keeps it: its metadata only (the spec's finalizers and the
 * status's phase are never read).
 *
 * @internal
 */
export function toSlimNamespace(raw: unknown): SlimNamespace | undefined {
  const metadata = toSlimObjectMeta(raw, 'cluster');
  return metadata ? { metadata } : undefined;
}
