/**
 * One series of a Prometheus answer: its labels and samples (epoch milliseconds),
 * oldest first.
 *
 * @public
 */
export interface MlopsPrometheusSeries {
  labels: Record<string, string>;
  points: Array<{ t: number; value: number }>;
}

/**
 * The range of a range query.
 *
 * @public
 */
export interface MlopsPrometheusRange {
  start: Date;
  end: Date;
  stepSeconds: number;
}

/**
 * Queries the Prometheus (or Thanos querier) configured for a cluster under
 * `mlops.clusters[].prometheus`. A cluster without one is a `NotFoundError` naming
 * that key; a Prometheus that cannot answer, a `ServiceUnavailableError` saying why.
 *
 * @public
 */
export interface MlopsPrometheusClient {
  /** A PromQL range query (`/api/v1/query_range`). */
  queryRange(
    cluster: string,
    query: string,
    range: MlopsPrometheusRange,
  ): Promise<MlopsPrometheusSeries[]>;
  /** A PromQL instant query (`/api/v1/query`) at a time. */
  query(
    cluster: string,
    query: string,
    time: Date,
  ): Promise<MlopsPrometheusSeries[]>;
}
