import type { MlopsPage } from '@backstage-mlops/plugin-mlops-common';
import { decodeCursor, encodeCursor } from './cursor';
import { compareSortKeys, sortKeyOf, type MlopsListItem } from './newestFirst';

/**
 * How to cut a page.
 *
 * @internal
 */
export interface PaginateOptions {
  /** Page size; values below 1 are taken as 1. */
  limit: number;
  /** The `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
}

/**
 * One page of `items`, newest first (by `createdAt`, then name). The cursor of the
 * next page points just past the page's last item, so pages stay consistent while
 * new items arrive at the top. `totalItems` counts every item given.
 *
 * @throws InputError naming `cursor` when the cursor is not one this function made.
 * @internal
 */
export function paginate<T extends MlopsListItem>(
  items: readonly T[],
  options: PaginateOptions,
): MlopsPage<T> {
  const limit = Math.max(1, Math.floor(options.limit));
  const after =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  // Keys are computed once per item, not once per comparison.
  const sorted = items
    .map(item => ({ item, key: sortKeyOf(item) }))
    .sort((a, b) => compareSortKeys(a.key, b.key));
  let start = 0;
  if (after) {
    const index = sorted.findIndex(
      entry => compareSortKeys(entry.key, after) > 0,
    );
    start = index === -1 ? sorted.length : index;
  }
  const pageEntries = sorted.slice(start, start + limit);
  const page: MlopsPage<T> = {
    items: pageEntries.map(entry => entry.item),
    totalItems: sorted.length,
  };
  if (start + limit < sorted.length && pageEntries.length > 0) {
    page.nextCursor = encodeCursor(pageEntries[pageEntries.length - 1].key);
  }
  return page;
}
