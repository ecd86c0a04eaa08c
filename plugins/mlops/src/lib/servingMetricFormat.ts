import type { MlopsServingMetricName } from '@backstage-mlops/plugin-mlops-common';

/**
 * How a serving metric's value reads, e.g. `0.42 req/s`, `2.1 %`, `35 ms`,
 * `0.08 cores`, `212 MiB`.
 *
 * @internal
 */
export function formatServingMetric(
  metric: MlopsServingMetricName,
  value: number,
): string {
  const round = (v: number) => Number(v.toPrecision(v >= 100 ? 4 : 2));
  switch (metric) {
    case 'requestRate':
      return `${round(value)} req/s`;
    case 'errorRate':
      return `${round(value * 100)} %`;
    case 'latencyP50':
    case 'latencyP95':
      return `${round(value * 1000)} ms`;
    case 'cpu':
      return `${round(value)} cores`;
    default:
      return `${round(value / (1024 * 1024))} MiB`;
  }
}
