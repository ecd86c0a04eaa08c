/**
 * A cluster the backend is configured to reach. Backend-only: holds the API server URL
 * but never a credential (credentials stay in config and are read where a client is made).
 *
 * @public
 */
export interface MlopsClusterDescriptor {
  /** The cluster's name, as used in the `mlops.backstage.io/cluster` annotation. */
  name: string;
  /** The API server URL. */
  url: string;
  /** `kubernetes` when read from `kubernetes.clusterLocatorMethods`, `mlops` when from `mlops.clusters`. */
  source: 'kubernetes' | 'mlops';
}

/**
 * The clusters backstage-mlops works with, shared by the backend plugin and its
 * catalog and scaffolder modules.
 *
 * @public
 */
export interface MlopsClusterRegistry {
  /** Every configured cluster, in configuration order. */
  listClusters(): MlopsClusterDescriptor[];
  /**
   * The cluster an entity names, or the only configured cluster when it names none.
   * Throws `NotFoundError` for an unknown name and `InputError` when no name is given
   * but several clusters are configured.
   */
  resolveCluster(name?: string): MlopsClusterDescriptor;
}
