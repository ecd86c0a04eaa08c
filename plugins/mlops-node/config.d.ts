export interface Config {
  /** Configuration of backstage-mlops. */
  mlops?: {
    /**
     * What backstage-mlops adds to the clusters the Kubernetes plugin locates
     * (`kubernetes.clusterLocatorMethods`: `config`, `catalog`, `gke`,
     * `localKubectlProxy`, or a module's supplier): only what the Kubernetes plugin's
     * cluster config cannot say. The cluster itself (URL, TLS settings, auth provider
     * and its credentials) is configured once, for the Kubernetes plugin; an entry is
     * matched to it by `name`. The backend reads and acts with the credential the
     * cluster's auth provider gives the Kubernetes backend (a server-side provider:
     * `serviceAccount`, `aws`, `azure`, `googleServiceAccount`, `localKubectlProxy`,
     * or one a module adds); that identity needs the `backstage-mlops-backend`
     * ClusterRole (cluster-wide get/list/watch of the kinds it caches).
     */
    clusters?: Array<{
      /**
       * The cluster's name, as the Kubernetes plugin locates it and entities name it
       * in the `mlops.backstage.io/cluster` annotation.
       * @visibility backend
       */
      name: string;
      /**
       * Where a workbench of this cluster opens, with `{namespace}` and `{name}` (the
       * Notebook's) as placeholders, URL-encoded when filled in. With it, the
       * workbench of the Health response carries `url` and the Overview workbench
       * card shows "Open workbench"; without it there is no link. Either the
       * OpenShift AI dashboard's project page,
       * `https://<dashboard-host>/projects/{namespace}?section=workbenches`, or the
       * notebook route, `https://{name}-{namespace}.<apps-domain>/notebook/{namespace}/{name}/`.
       * @visibility backend
       */
      workbenchUrlTemplate?: string;
      /**
       * A second identity on this cluster, used only by the scaffolder module's
       * actions (`mlops:cluster:check`, `mlops:manifests:apply`, …): it may create the
       * namespaced objects of a new model project (the ClusterRole
       * `backstage-mlops-scaffolder` of packages/dev-cluster shows what it needs). The
       * backend's identity (the cluster's auth provider) stays read-mostly. Without it, the scaffolder actions
       * refuse this cluster. Give exactly one of the two keys.
       */
      scaffolder?: {
        /**
         * A ServiceAccount token of the scaffolder's identity.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /**
         * Path of a file holding that token; re-read every minute.
         * @visibility backend
         */
        serviceAccountTokenFile?: string;
      };
      /**
       * Per namespace of this cluster, the owners (user or group refs, e.g.
       * `group:default/retention-team`; a bare name is a group of `default`) whose
       * catalog entities may use it: the same list as the namespace's
       * `mlops.backstage.io/allowed-owners` annotation, for clusters whose namespaces
       * the portal's admins cannot annotate. Both count. See
       * `mlops.namespaceOwnership.enforce`.
       * @visibility backend
       */
      allowedOwners?: { [namespace: string]: string[] };
      /**
       * Where the serving metrics of the cluster's model servers are queried (Health
       * tab charts, ML Models page): a Prometheus or Thanos querier that scrapes them,
       * e.g. OpenShift's `https://thanos-querier-openshift-monitoring.apps.<domain>`.
       * Its series must carry the `namespace` and `pod` labels of the predictor pods.
       */
      prometheus?: {
        /** The querier's base URL (its `/api/v1/query_range` is called). */
        url: string;
        /**
         * A bearer token for the querier (e.g. of a ServiceAccount with
         * `cluster-monitoring-view`).
         * @visibility secret
         */
        token?: string;
        /** A file holding the token, read again as it rotates (instead of `token`). */
        tokenFile?: string;
      };
    }>;
    /**
     * Which owners' entities may use a namespace: the namespace's
     * `mlops.backstage.io/allowed-owners` annotation (read from the watch cache) and
     * `mlops.clusters[].allowedOwners`. The entity's owner (`spec.owner`) must be named
     * there; group membership is not expanded.
     */
    namespaceOwnership?: {
      /**
       * `off`: never checked. `mutations` (default): an entity whose owner its
       * namespace does not allow may read the namespace's objects, but every action on
       * them (the backend's action routes, its actions registry, the scaffolder
       * actions with an `entityRef`) is refused with 403. `reads-and-mutations`: its
       * reads (tabs, summaries, live updates, logs) are refused too.
       * @visibility backend
       */
      enforce?: 'off' | 'mutations' | 'reads-and-mutations';
    };
    /** The watch-backed cache of cluster objects. */
    cache?: {
      /**
       * Beyond this many objects of one kind on one cluster, that kind is no longer
       * cached (a warning is logged once) and its queries go to the API server.
       * Default 100000.
       * @visibility backend
       */
      maxObjectsPerKind?: number;
    };
  };
}
