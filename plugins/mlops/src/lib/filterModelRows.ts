import { needsAttention, summaryAspect } from './modelSummaryStatus';
import type { ModelRow } from './modelRow';
import type { ModelSortKey } from './sortModelRows';

/**
 * The status filter of the ML Models page.
 *
 * @internal
 */
export type ModelStatusFilter =
  | 'all'
  | 'attention'
  | 'training-failed'
  | 'training-running'
  | 'not-serving'
  | 'healthy';

/**
 * The status filters with their labels, in menu order.
 *
 * @internal
 */
export const MODEL_STATUS_FILTERS: ReadonlyArray<[ModelStatusFilter, string]> =
  [
    ['all', 'All'],
    ['attention', 'Needs attention'],
    ['training-failed', 'Training failed'],
    ['training-running', 'Training running'],
    ['not-serving', 'Not serving'],
    ['healthy', 'Healthy'],
  ];

/**
 * The filters of the ML Models page.
 *
 * @internal
 */
export interface ModelRowFilter {
  /** Matched, case-insensitively, against name, entity ref, owner, system and namespace. */
  text: string;
  /** An owner as shown (`humanizeEntityRef`); empty for all. */
  owner: string;
  status: ModelStatusFilter;
  /** The order of the rows. */
  sort: ModelSortKey;
}

function matchesStatus(row: ModelRow, status: ModelStatusFilter): boolean {
  if (status === 'all') {
    return true;
  }
  const summary = row.summary;
  if (!summary) {
    // Unknown status: only "needs attention" when the entity itself is broken.
    return status === 'attention' && row.problem !== undefined;
  }
  const training = summary.lastTraining?.status;
  switch (status) {
    case 'attention':
      return needsAttention(summary);
    case 'training-failed':
      return training === 'Failed' || training === 'TimedOut';
    case 'training-running':
      return training === 'Running' || training === 'Pending';
    case 'not-serving':
      return summary.serving?.ready !== 'True';
    default:
      return (
        !needsAttention(summary) &&
        summaryAspect(summary, 'serving')?.tone === 'ok' &&
        training === 'Succeeded'
      );
  }
}

/**
 * The rows that pass the filters.
 *
 * @internal
 */
export function filterModelRows(
  rows: ModelRow[],
  filter: ModelRowFilter,
): ModelRow[] {
  const text = filter.text.trim().toLocaleLowerCase('en-US');
  return rows.filter(row => {
    if (filter.owner && !row.ownerNames.includes(filter.owner)) {
      return false;
    }
    if (
      text &&
      ![row.name, row.entityRef, row.owner, row.system, row.namespace ?? '']
        .join('\n')
        .toLocaleLowerCase('en-US')
        .includes(text)
    ) {
      return false;
    }
    return matchesStatus(row, filter.status);
  });
}
