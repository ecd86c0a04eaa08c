import { mlopsBestMetricValue } from './wire/modelMetrics';
import type { MlopsPipelineRunSummary } from './wire/pipelineRun';

/**
 * One row of a comparison of training runs: what is compared and each run's value,
 * in the order of the runs.
 *
 * @public
 */
export interface MlopsRunComparisonRow {
  group: 'outcome' | 'metrics' | 'params' | 'images';
  /** `status`, `durationSeconds`, a metric name, a param name or `stepImages`. */
  label: string;
  /** Each run's value; undefined where a run has none. */
  values: Array<string | number | undefined>;
  /** True when the runs' values are not all the same. */
  differs: boolean;
  /** For a metric: which runs hold the best value (by the metric's direction). */
  best?: boolean[];
}

function row(
  group: MlopsRunComparisonRow['group'],
  label: string,
  values: Array<string | number | undefined>,
): MlopsRunComparisonRow {
  return { group, label, values, differs: new Set(values).size > 1 };
}

function paramText(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Training runs side by side, in the order given: status and duration, every model
 * metric any of them reported (the best value marked by the metric's direction),
 * every param any of them was given, and the images their steps ran (by digest,
 * sorted, one per line). Each row says whether the runs differ.
 *
 * @public
 */
export function compareMlopsRuns(
  runs: readonly MlopsPipelineRunSummary[],
): MlopsRunComparisonRow[] {
  const rows = [
    row(
      'outcome',
      'status',
      runs.map(r => r.status),
    ),
    row(
      'outcome',
      'durationSeconds',
      runs.map(r => r.durationSeconds),
    ),
  ];
  const metricNames = [
    ...new Set(runs.flatMap(r => (r.metrics ?? []).map(m => m.name))),
  ].sort();
  for (const name of metricNames) {
    const values = runs.map(r => r.metrics?.find(m => m.name === name)?.value);
    const best = mlopsBestMetricValue(name, values);
    rows.push({
      ...row('metrics', name, values),
      best: values.map(v => v !== undefined && v === best),
    });
  }
  const params = [
    ...new Set(runs.flatMap(r => r.params.map(p => p.name))),
  ].sort();
  for (const name of params) {
    rows.push(
      row(
        'params',
        name,
        runs.map(r => paramText(r.params.find(p => p.name === name)?.value)),
      ),
    );
  }
  rows.push(
    row(
      'images',
      'stepImages',
      runs.map(r => {
        const images = new Set<string>();
        r.taskRuns.forEach(t =>
          t.steps.forEach(s => s.imageID && images.add(s.imageID)),
        );
        return images.size ? [...images].sort().join('\n') : undefined;
      }),
    ),
  );
  return rows;
}
