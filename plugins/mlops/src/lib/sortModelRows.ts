import type { ModelRow } from './modelRow';
import {
  aspectSortKey,
  summaryAspect,
  type SummaryAspectName,
} from './modelSummaryStatus';

/**
 * What the ML Models page can sort by.
 *
 * @internal
 */
export type ModelSortKey = 'name' | SummaryAspectName;

/**
 * The sort choices of the ML Models page, with their labels.
 *
 * @internal
 */
export const MODEL_SORTS: ReadonlyArray<[ModelSortKey, string]> = [
  ['name', 'Name'],
  ['training', 'Last training, problems first'],
  ['serving', 'Serving, problems first'],
  ['build', 'Last build, problems first'],
  ['validation', 'Last validation, problems first'],
];

function byName(a: ModelRow, b: ModelRow): number {
  return a.name.localeCompare(b.name, 'en-US');
}

/**
 * The rows in the chosen order: by name, or by one status column with problems first
 * (then by name).
 *
 * @internal
 */
export function sortModelRows(rows: ModelRow[], by: ModelSortKey): ModelRow[] {
  if (by === 'name') {
    return [...rows].sort(byName);
  }
  const key = (row: ModelRow) =>
    row.summary ? aspectSortKey(summaryAspect(row.summary, by)) : Infinity;
  return [...rows].sort((a, b) => key(a) - key(b) || byName(a, b));
}
