import type { MlopsPipelineRunSummary } from '@backstage-mlops/plugin-mlops-common';

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
