export interface Config {
  /** Configuration of backstage-mlops. */
  mlops?: {
    /**
     * Clusters for backstage-mlops, in addition to those configured for the
     * Kubernetes plugin under `kubernetes.clusterLocatorMethods` (type `config`),
     * which are used by default. An entry with the name of a Kubernetes-plugin
     * cluster replaces it.
     */
    clusters?: Array<{
      /**
       * The cluster's name, as entities name it in the `mlops.backstage.io/cluster`
       * annotation.
       * @visibility backend
       */
      name: string;
      /**
       * The API server URL, e.g. `https://api.my-cluster.example.com:6443`.
       * @visibility backend
       */
      url: string;
    }>;
  };
}
