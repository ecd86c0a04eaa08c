/**
 * A cluster the Kubernetes plugin locates for the backend, as the browser may see it (no URL
 * credentials, no tokens).
 *
 * @public
 */
export interface MlopsClusterSummary {
  /** The cluster's name, as used in the `mlops.backstage.io/cluster` annotation. */
  name: string;
  /** Its human-readable title, when the Kubernetes plugin's locator gives one. */
  title?: string;
  /** The Kubernetes plugin auth provider of the cluster, e.g. `serviceAccount`. */
  authProvider: string;
  /** Why the backend cannot use the cluster, when it cannot (e.g. a per-user auth provider). */
  unusable?: string;
}

/**
 * Response of `GET /api/mlops/clusters`: the clusters the backend is configured to
 * reach and the state of its watch cache per cluster and kind.
 *
 * @public
 */
export interface MlopsClustersResponse {
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
