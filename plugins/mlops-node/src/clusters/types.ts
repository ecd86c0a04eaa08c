import type {
  AuthenticationStrategy,
  ClusterDetails,
} from '@backstage/plugin-kubernetes-node';

/**
 * A cluster backstage-mlops works with: one the Kubernetes plugin's cluster locators
 * found (`kubernetes.clusterLocatorMethods`: `config`, `catalog`, `gke`,
 * `localKubectlProxy`, or a supplier a module installed). Backend-only: holds the API
 * server URL but never a credential.
 *
 * @public
 */
export interface MlopsClusterDescriptor {
  /** The cluster's name, as used in the `mlops.backstage.io/cluster` annotation. */
  name: string;
  /** Its human-readable title, when the locator gives one. */
  title?: string;
  /** The API server URL. */
  url: string;
  /** The Kubernetes plugin auth provider of the cluster, e.g. `serviceAccount`, `aws`. */
  authProvider: string;
  /**
   * Why the backend cannot use the cluster, in words, when it cannot: its auth
   * provider gives credentials only per user in the browser (`oidc`, `google`, `aks`),
   * or gave none. Undefined for a usable cluster.
   */
  unusable?: string;
}

/**
 * What `mlops.clusters` adds to a cluster: only what the Kubernetes plugin's cluster
 * config cannot say (credentials stay inside the clients).
 *
 * @public
 */
export interface MlopsClusterSettings {
  /** `workbenchUrlTemplate`: the "open" link of the cluster's workbenches. */
  workbenchUrlTemplate?: string;
  /** `allowedOwners`: namespace → the owner refs (normalized) whose entities may use it. */
  allowedOwners: ReadonlyMap<string, string[]>;
  /** Whether `scaffolder` gives the cluster a scaffolder identity. */
  hasScaffolderIdentity: boolean;
  /**
   * `prometheus.url`: the Prometheus or Thanos querier of the cluster's serving
   * metrics (its token stays inside the registry).
   */
  prometheusUrl?: string;
}

/**
 * The clusters backstage-mlops works with, shared by the backend plugin and its
 * catalog and scaffolder modules. Clusters come from the Kubernetes plugin, so the
 * list can change while the backend runs (a `catalog` locator's Resource entities).
 *
 * @public
 */
export interface MlopsClusterRegistry {
  /** Every cluster the Kubernetes plugin locates, in its order. */
  listClusters(): Promise<MlopsClusterDescriptor[]>;
  /**
   * The cluster an entity names, or the only cluster when it names none. Throws
   * `NotFoundError` for an unknown name, `InputError` when no name is given but
   * several clusters are located, and `ServiceUnavailableError` when there is no
   * cluster at all (the portal's configuration) or the Kubernetes plugin cannot be
   * asked. Each error carries an `mlopsClusterProblem` (mlops-common's
   * `clusterProblemOf`) for UIs.
   */
  resolveCluster(name?: string): Promise<MlopsClusterDescriptor>;
  /** What `mlops.clusters` says about a cluster (empty settings when nothing). */
  clusterSettings(name: string): MlopsClusterSettings;
}

/**
 * The Kubernetes plugin's own cluster access, as its backend assembles it: its
 * clusters (every configured locator, or a module's cluster supplier) and the auth
 * strategy that dispatches to every registered auth provider. backstage-mlops reads
 * clusters and credentials only through these; `kubernetesModuleMlopsClusters` hands
 * them over when the Kubernetes backend plugin starts.
 *
 * @public
 */
export interface MlopsKubernetesClusterAccess {
  /** The located clusters, asked with the Kubernetes plugin's own service credentials. */
  getClusters(): Promise<ClusterDetails[]>;
  /** The Kubernetes plugin's auth strategy (a `DispatchStrategy` over its auth providers). */
  authStrategy: AuthenticationStrategy;
}
