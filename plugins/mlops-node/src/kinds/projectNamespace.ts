import type { SlimNamespace } from './namespace';
import { projectObjectMeta } from './projectObjectMeta';

/**
 * A Namespace as the cache keeps it: its metadata only (the spec's finalizers and the
 * status's phase are never read).
 *
 * @internal
 */
export function projectNamespace(raw: unknown): SlimNamespace | undefined {
  const metadata = projectObjectMeta(raw, 'cluster');
  return metadata ? { metadata } : undefined;
}
