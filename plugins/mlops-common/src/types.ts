/**
 * A cluster the backend is configured to reach, as the browser may see it (no URL
 * credentials, no tokens).
 *
 * @public
 */
export interface MlopsClusterSummary {
  /** The cluster's configured name, as used in the `mlops.backstage.io/cluster` annotation. */
  name: string;
  /** Where the cluster's configuration came from. */
  source: 'kubernetes' | 'mlops';
}

/**
 * Response of `GET /api/mlops/health`: whether the backend is up and which clusters it
 * is configured to reach. Not to be confused with {@link MlopsModelHealthResponse}, the
 * health of one model's serving.
 *
 * @public
 */
export interface MlopsBackendStatusResponse {
  status: 'ok';
  /** The clusters the backend is configured to reach. */
  clusters: MlopsClusterSummary[];
  /** The watch cache: one entry per cluster and kind. */
  cache: MlopsCacheStatus[];
}

/**
 * The state of the watch cache for one kind on one cluster.
 *
 * @public
 */
export interface MlopsCacheStatus {
  cluster: string;
  /** The kind's plural, e.g. `pipelineruns`. */
  resource: string;
  state: 'syncing' | 'fresh' | 'stale' | 'not-installed';
  /** Objects cached. */
  objects: number;
  syncedAt?: string;
  staleSince?: string;
}
