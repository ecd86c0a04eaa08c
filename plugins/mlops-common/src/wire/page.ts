/**
 * One page of a list, newest first.
 *
 * @public
 */
export interface MlopsPage<T> {
  /** The items of this page. */
  items: T[];
  /** How many items match the query across all pages. */
  totalItems: number;
  /** Opaque cursor of the next page; absent on the last page. */
  nextCursor?: string;
}
