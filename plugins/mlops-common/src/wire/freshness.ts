/**
 * How fresh the cached data of one cluster is, as reported with every read answer.
 *
 * @public
 */
export interface MlopsFreshness {
  /** The configured cluster name. */
  cluster: string;
  /**
   * `fresh`: the watches are up and the answer reflects the cluster. `stale`: a watch is
   * down and the answer shows data from {@link MlopsFreshness.syncedAt}. `syncing`: the
   * first list has not finished; the answer may be incomplete.
   */
  state: 'fresh' | 'stale' | 'syncing';
  /** When the cache last knew it matched the cluster (ISO 8601). */
  syncedAt?: string;
  /** Since when the cluster has been unreachable, while `state` is `stale` (ISO 8601). */
  staleSince?: string;
  /** Why the data is stale or syncing, in words (never contains credentials). */
  message?: string;
}

/**
 * A kind that a cluster does not serve (e.g. no Tekton, no KServe, no OpenShift builds),
 * detected from API discovery. Reported instead of an error.
 *
 * @public
 */
export interface MlopsNotInstalled {
  /** The configured cluster name. */
  cluster: string;
  /** Group and version of the missing API, e.g. `tekton.dev/v1`. */
  apiVersion: string;
  /** The plural resource name, e.g. `pipelineruns`. */
  resource: string;
  /** What this means, in words, e.g. `Tekton Pipelines is not installed on cluster dev`. */
  message: string;
}
