import {
  mlopsMetricDirection,
  type MlopsPipelineRunSummary,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * The metric names the runs report, sorted.
 *
 * @internal
 */
export function metricNamesOf(
  runs: readonly MlopsPipelineRunSummary[],
): string[] {
  const names = new Set<string>();
  for (const run of runs) {
    run.metrics?.forEach(m => names.add(m.name));
  }
  return [...names].sort();
}

/**
 * A run's value of a metric, when it reported it.
 *
 * @internal
 */
export function metricOf(
  run: MlopsPipelineRunSummary,
  name: string,
): number | undefined {
  return run.metrics?.find(m => m.name === name)?.value;
}

/**
 * A metric value as people read it: at most 4 decimals (`0.9132`), integers as they
 * are, very large or small values in exponent form.
 *
 * @internal
 */
export function formatMetric(value: number | undefined): string {
  if (value === undefined) {
    return '—';
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) {
    return value.toExponential(3);
  }
  return String(Math.round(value * 10_000) / 10_000);
}

/**
 * The best of some values of a metric (largest, or smallest for errors and losses),
 * or undefined when there is none.
 *
 * @internal
 */
export function bestMetricValue(
  name: string,
  values: ReadonlyArray<number | undefined>,
): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) {
    return undefined;
  }
  return mlopsMetricDirection(name) === 'lower'
    ? Math.min(...known)
    : Math.max(...known);
}

/**
 * The images a run's steps ran, by digest (`<repo>@sha256:…`), each once, sorted.
 *
 * @internal
 */
export function runImages(run: MlopsPipelineRunSummary): string[] {
  const images = new Set<string>();
  for (const task of run.taskRuns) {
    task.steps.forEach(step => step.imageID && images.add(step.imageID));
  }
  return [...images].sort();
}
