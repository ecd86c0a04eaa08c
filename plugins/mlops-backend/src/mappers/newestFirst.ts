import { timeMillis } from '@backstage-mlops/plugin-mlops-node';

/**
 * What the list helpers need of an item: its name and creation time.
 *
 * @internal
 */
export interface MlopsListItem {
  name: string;
  createdAt: string;
}

/**
 * The sort key of an item: creation time in milliseconds (unparseable times sort
 * last), then name.
 *
 * @internal
 */
export interface MlopsSortKey {
  time: number;
  name: string;
}

/**
 * The sort key of an item.
 *
 * @internal
 */
export function sortKeyOf(item: MlopsListItem): MlopsSortKey {
  return { time: timeMillis(item.createdAt) ?? 0, name: item.name };
}

/**
 * Compares sort keys newest first; equal times are ordered by name, so the order is
 * total and stable across requests.
 *
 * @internal
 */
export function compareSortKeys(a: MlopsSortKey, b: MlopsSortKey): number {
  if (a.time !== b.time) {
    return b.time - a.time;
  }
  if (a.name === b.name) {
    return 0;
  }
  return a.name < b.name ? -1 : 1;
}

/**
 * Compares list items newest first; see {@link compareSortKeys}.
 *
 * @internal
 */
export function newestFirst(a: MlopsListItem, b: MlopsListItem): number {
  return compareSortKeys(sortKeyOf(a), sortKeyOf(b));
}
