import {
  compareMlopsRuns,
  type MlopsPipelineRunSummary,
  type MlopsRunComparisonRow,
  type MlopsRunStatus,
} from '@backstage-mlops/plugin-mlops-common';
import { formatDuration } from './formatDuration';
import { formatMetric } from './runMetrics';
import { runStatusLabel } from './statusTone';

/**
 * One row of a run comparison as the table shows it: a group and label in words and
 * each run's value as text.
 *
 * @internal
 */
export interface ComparisonRow {
  group: string;
  label: string;
  values: string[];
  differs: boolean;
  best?: boolean[];
}

const GROUPS: Record<MlopsRunComparisonRow['group'], string> = {
  outcome: 'Outcome',
  metrics: 'Metrics',
  params: 'Params',
  images: 'Images',
};

const LABELS: Record<string, string> = {
  status: 'Status',
  durationSeconds: 'Duration',
  stepImages: 'Step images (digest)',
};

function text(
  r: MlopsRunComparisonRow,
  value: string | number | undefined,
): string {
  if (value === undefined) {
    return '—';
  }
  if (r.group === 'metrics') {
    return formatMetric(Number(value));
  }
  if (r.group === 'outcome' && r.label === 'status') {
    return runStatusLabel(value as MlopsRunStatus);
  }
  if (r.group === 'outcome' && r.label === 'durationSeconds') {
    return formatDuration(Number(value));
  }
  return String(value);
}

/**
 * The rows of `compareMlopsRuns` (mlops-common) in words for the comparison table.
 *
 * @internal
 */
export function compareRuns(
  runs: readonly MlopsPipelineRunSummary[],
): ComparisonRow[] {
  return compareMlopsRuns(runs).map(r => ({
    group: GROUPS[r.group],
    label:
      r.group === 'outcome' || r.group === 'images'
        ? LABELS[r.label] ?? r.label
        : r.label,
    values: r.values.map(v => text(r, v)),
    differs: r.differs,
    best: r.best,
  }));
}
