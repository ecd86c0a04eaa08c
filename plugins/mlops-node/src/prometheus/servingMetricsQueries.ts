import type {
  MlopsServingMetricName,
  MlopsServingMetricsWindow,
} from '@backstage-mlops/plugin-mlops-common';

// The PromQL of the serving metrics, for the runtime the New ML model template uses:
// MLServer (SeldonIO/MLServer 1.7.1). Its metrics endpoint (metrics_port, default 8082,
// path /metrics; mlserver/metrics/server.py) exposes
// - model_infer_request_success_total, model_infer_request_failure_total (counters) and
//   model_infer_request_duration (a summary: _count, _sum), labelled model/version,
//   one per inference request of either protocol (mlserver/handlers/dataplane.py);
// - rest_server_request_duration_seconds (a histogram, starlette_exporter's
//   PrometheusMiddleware with prefix rest_server, path = the route template,
//   mlserver/rest/app.py), whose buckets give latency quantiles of REST requests;
// - the Python client's process_cpu_seconds_total and process_resident_memory_bytes
//   (the default registry when parallel_workers is 0; mlserver/metrics/prometheus.py).
// Series are selected as OpenShift AI selects them for MLServer: namespace and
// pod=~"<isvc>-predictor-.*" (opendatahub-io/odh-model-controller
// internal/controller/constants/runtime-metrics.go, MLServerMetricsData), labels a
// PodMonitor/ServiceMonitor scrape adds. CPU and memory are the kubelet's cAdvisor
// series of the kserve-container (container_cpu_usage_seconds_total,
// container_memory_working_set_bytes), or, where Prometheus has none (the dev cluster
// has no kubelet), the server process's own.

/** MLServer's REST inference route, as starlette_exporter labels it. */
const INFER_PATH = '/v2/models/{model_name}/infer';

/** A PromQL string literal. */
function literal(value: string): string {
  return JSON.stringify(value);
}

/** A regular expression matching exactly the given names (RE2 meta characters escaped). */
function alternatives(values: string[]): string {
  return values.map(v => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * What one window asks Prometheus for: the range query's step and the range of
 * `rate()` (at least two scrapes at a 30 s scrape interval, and never less than the
 * step, so that no request falls between two points).
 *
 * @public
 */
export function servingMetricsResolution(window: MlopsServingMetricsWindow): {
  rangeSeconds: number;
  stepSeconds: number;
  rateWindow: string;
} {
  switch (window) {
    case '7d':
      return { rangeSeconds: 7 * 86400, stepSeconds: 3600, rateWindow: '1h' };
    case '24h':
      return { rangeSeconds: 86400, stepSeconds: 600, rateWindow: '10m' };
    default:
      return { rangeSeconds: 3600, stepSeconds: 30, rateWindow: '2m' };
  }
}

/**
 * The PromQL of each serving metric of one InferenceService's predictor, with `rate()`
 * over `rateWindow`. CPU and memory carry a `source` label: `container` or `process`.
 *
 * @public
 */
export function servingMetricQueries(
  target: { namespace: string; inferenceService: string },
  rateWindow: string,
): Record<MlopsServingMetricName, string> {
  const pods = `namespace=${literal(target.namespace)},pod=~${literal(
    `${alternatives([target.inferenceService])}-predictor-.*`,
  )}`;
  const rate = (metric: string, extra = '') =>
    `rate(${metric}{${pods}${extra}}[${rateWindow}])`;
  const latency = (q: number) =>
    `histogram_quantile(${q}, sum by (le) (${rate(
      'rest_server_request_duration_seconds_bucket',
      `,path=${literal(INFER_PATH)}`,
    )}))`;
  const withSource = (query: string, source: string) =>
    `label_replace(${query}, "source", ${literal(source)}, "", "")`;
  const container = `,container="kserve-container"`;
  return {
    requestRate: `sum(${rate('model_infer_request_duration_count')})`,
    errorRate: `sum(${rate('model_infer_request_failure_total')}) / sum(${rate(
      'model_infer_request_duration_count',
    )})`,
    latencyP50: latency(0.5),
    latencyP95: latency(0.95),
    cpu: `${withSource(
      `sum(${rate('container_cpu_usage_seconds_total', container)})`,
      'container',
    )} or on() ${withSource(
      `sum(${rate('process_cpu_seconds_total')})`,
      'process',
    )}`,
    memory: `${withSource(
      `sum(container_memory_working_set_bytes{${pods}${container}})`,
      'container',
    )} or on() ${withSource(
      `sum(process_resident_memory_bytes{${pods}})`,
      'process',
    )}`,
  };
}

/**
 * One instant query for the last 24 h of many InferenceServices of a cluster (the ML
 * Models page): series labelled `namespace`, `isvc` (from the predictor pod's name)
 * and `figure`: `requests` (inference requests), `failures` (failed ones) and
 * `latencyP95` (seconds).
 *
 * @public
 */
export function servingDayQuery(
  targets: Array<{ namespace: string; inferenceService: string }>,
): string {
  const namespaces = [...new Set(targets.map(t => t.namespace))];
  const services = [...new Set(targets.map(t => t.inferenceService))];
  const pods = `namespace=~${literal(alternatives(namespaces))},pod=~${literal(
    `(${alternatives(services)})-predictor-.*`,
  )}`;
  const perService = (query: string, by: string) =>
    `sum by (${by}) (label_replace(${query}, "isvc", "$1", "pod", "(.+)-predictor-.+"))`;
  const figure = (query: string, name: string) =>
    `label_replace(${query}, "figure", ${literal(name)}, "", "")`;
  return [
    figure(
      perService(
        `increase(model_infer_request_duration_count{${pods}}[24h])`,
        'namespace, isvc',
      ),
      'requests',
    ),
    figure(
      perService(
        `increase(model_infer_request_failure_total{${pods}}[24h])`,
        'namespace, isvc',
      ),
      'failures',
    ),
    figure(
      `histogram_quantile(0.95, ${perService(
        `rate(rest_server_request_duration_seconds_bucket{${pods},path=${literal(
          INFER_PATH,
        )}}[24h])`,
        'namespace, isvc, le',
      )})`,
      'latencyP95',
    ),
  ].join(' or ');
}
