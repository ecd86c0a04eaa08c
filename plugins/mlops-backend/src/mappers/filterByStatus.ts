import type { MlopsRunStatus } from '@backstage-mlops/plugin-mlops-common';

/**
 * The items whose `status` is one of `statuses`; every item when `statuses` is absent
 * or empty.
 *
 * @internal
 */
export function filterByStatus<T extends { status: MlopsRunStatus }>(
  items: readonly T[],
  statuses: readonly MlopsRunStatus[] | undefined,
): T[] {
  if (!statuses || statuses.length === 0) {
    return [...items];
  }
  const wanted = new Set<MlopsRunStatus>(statuses);
  return items.filter(item => wanted.has(item.status));
}
