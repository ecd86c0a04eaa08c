import type { MlopsPipelineRunSummary } from '@backstage-mlops/plugin-mlops-common';
import { formatDuration } from './formatDuration';
import { runStatusLabel } from './statusTone';
import {
  bestMetricValue,
  formatMetric,
  metricNamesOf,
  metricOf,
  runImages,
} from './runMetrics';

/**
 * One row of a run comparison: a label and each run's value as text.
 *
 * @internal
 */
export interface ComparisonRow {
  /** `Outcome`, `Metrics`, `Params` or `Images`. */
  group: string;
  label: string;
  values: string[];
  /** True when the runs' values are not all the same. */
  differs: boolean;
  /** For a metric: which runs hold the best value. */
  best?: boolean[];
}

function valueText(value: unknown): string {
  if (value === undefined) {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function row(
  group: string,
  label: string,
  values: string[],
  extra: Partial<ComparisonRow> = {},
): ComparisonRow {
  return {
    group,
    label,
    values,
    differs: new Set(values).size > 1,
    ...extra,
  };
}

/**
 * The rows of a side-by-side comparison of runs (in the order given): outcome,
 * duration, every metric any of them reported (its best value marked, by the
 * metric's direction), every param any of them was given, and the images their
 * steps ran; each row says whether the runs differ.
 *
 * @internal
 */
export function compareRuns(
  runs: readonly MlopsPipelineRunSummary[],
): ComparisonRow[] {
  const rows: ComparisonRow[] = [
    row(
      'Outcome',
      'Status',
      runs.map(r => runStatusLabel(r.status)),
    ),
    row(
      'Outcome',
      'Duration',
      runs.map(r =>
        r.durationSeconds !== undefined
          ? formatDuration(r.durationSeconds)
          : '—',
      ),
    ),
  ];
  for (const name of metricNamesOf(runs)) {
    const values = runs.map(r => metricOf(r, name));
    const best = bestMetricValue(name, values);
    rows.push(
      row('Metrics', name, values.map(formatMetric), {
        best: values.map(v => v !== undefined && v === best),
      }),
    );
  }
  const params = [
    ...new Set(runs.flatMap(r => r.params.map(p => p.name))),
  ].sort();
  for (const name of params) {
    rows.push(
      row(
        'Params',
        name,
        runs.map(r => valueText(r.params.find(p => p.name === name)?.value)),
      ),
    );
  }
  rows.push(
    row(
      'Images',
      'Step images (digest)',
      runs.map(r => runImages(r).join('\n') || '—'),
    ),
  );
  return rows;
}
