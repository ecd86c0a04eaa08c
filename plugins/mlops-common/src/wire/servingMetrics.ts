import { z } from 'zod';

/**
 * The time windows of the serving metrics: the last hour, day or week.
 *
 * @public
 */
export const MLOPS_SERVING_METRICS_WINDOWS = ['1h', '24h', '7d'] as const;

/**
 * One of {@link MLOPS_SERVING_METRICS_WINDOWS}.
 *
 * @public
 */
export type MlopsServingMetricsWindow =
  (typeof MLOPS_SERVING_METRICS_WINDOWS)[number];

/**
 * The serving metrics of a model's predictor, as the Health tab charts them.
 * `requestRate`: inference requests per second; `errorRate`: the share of them that
 * failed (0–1); `latencyP50`/`latencyP95`: inference request latency quantiles in
 * seconds; `cpu`: CPU cores used; `memory`: bytes of memory in use.
 *
 * @public
 */
export type MlopsServingMetricName =
  | 'requestRate'
  | 'errorRate'
  | 'latencyP50'
  | 'latencyP95'
  | 'cpu'
  | 'memory';

/**
 * One metric over the window: the samples the cluster's Prometheus returned (none
 * when it has none, e.g. a model that got no requests).
 *
 * @public
 */
export interface MlopsServingMetricSeries {
  metric: MlopsServingMetricName;
  /** Sample times (epoch milliseconds) and values, oldest first. */
  points: Array<{ t: number; value: number }>;
  /**
   * Which series answered, for CPU and memory: `container` (the kubelet's cAdvisor,
   * `container_*`), or `process` (the model server's own `process_*` series, where
   * Prometheus has no container series, as in the dev cluster).
   */
  source?: 'container' | 'process';
  /** The PromQL that was run. */
  query: string;
}

/**
 * `GET /entity/:kind/:namespace/:name/serving-metrics?window=`: the serving metrics
 * of the model's InferenceService from the Prometheus (or Thanos querier) configured
 * for its cluster (`mlops.clusters[].prometheus`).
 *
 * @public
 */
export interface MlopsServingMetricsResponse {
  entityRef: string;
  cluster: string;
  namespace: string;
  inferenceService: string;
  window: MlopsServingMetricsWindow;
  /** The range asked for (ISO 8601) and its resolution. */
  start: string;
  end: string;
  stepSeconds: number;
  series: MlopsServingMetricSeries[];
}

/**
 * The query of the serving metrics route: `?window=1h|24h|7d` (default `1h`).
 *
 * @public
 */
export const mlopsServingMetricsQuerySchema = z.object({
  window: z
    .enum(MLOPS_SERVING_METRICS_WINDOWS, {
      error: `window must be one of ${MLOPS_SERVING_METRICS_WINDOWS.join(
        ', ',
      )}`,
    })
    .default('1h'),
});

/**
 * The last 24 hours of one model's serving, for the ML Models page.
 *
 * @public
 */
export interface MlopsServingDaySummary {
  /** The entity ref as it was asked for. */
  entityRef: string;
  /** Inference requests in the last 24 h (absent when Prometheus has no series). */
  requests?: number;
  /** Failed share of them (0–1); absent without requests. */
  errorRate?: number;
  /** 95th percentile inference latency in seconds; absent without requests. */
  latencyP95?: number;
  /** Why nothing is known, in words (no InferenceService, no Prometheus for its cluster, …). */
  problem?: string;
}

/**
 * Response of `POST /serving-metrics/day` (body: `{ entityRefs }`, as the summary
 * request): one item per entity ref, in order. One query per cluster answers all.
 *
 * @public
 */
export interface MlopsServingDayResponse {
  items: MlopsServingDaySummary[];
}
