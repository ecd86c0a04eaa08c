export interface Config {
  /** Configuration of backstage-mlops. */
  mlops?: {
    /**
     * Clusters for backstage-mlops, in addition to those configured for the
     * Kubernetes plugin under `kubernetes.clusterLocatorMethods` (type `config`; its
     * `name`, `url`, `authProvider: serviceAccount`, `serviceAccountToken`, `caData`,
     * `caFile` and `skipTLSVerify` are used), which are read by default. An entry with
     * the name of a Kubernetes-plugin cluster replaces that cluster entirely.
     *
     * Give at most one way to authenticate: `serviceAccountToken`,
     * `serviceAccountTokenFile`, a client certificate (`clientCertData` +
     * `clientKeyData`, or `clientCertFile` + `clientKeyFile`) or `kubeconfig`. With
     * none, requests are anonymous. The backend's identity needs the
     * `backstage-mlops-backend` ClusterRole (cluster-wide get/list/watch of the kinds
     * it caches).
     */
    clusters?: Array<{
      /**
       * The cluster's name, as entities name it in the `mlops.backstage.io/cluster`
       * annotation.
       * @visibility backend
       */
      name: string;
      /**
       * The API server URL, e.g. `https://api.my-cluster.example.com:6443` (a path
       * prefix is kept, e.g. for a Rancher proxy). No credentials, query string or
       * fragment. Required unless `kubeconfig` is set (it then overrides the
       * kubeconfig's server).
       * @visibility backend
       */
      url?: string;
      /**
       * The cluster's CA bundle: a PEM block, or its base64 (as in a kubeconfig).
       * Not with `caFile`.
       * @visibility backend
       */
      caData?: string;
      /**
       * Path of a PEM file with the cluster's CA bundle. Not with `caData`.
       * @visibility backend
       */
      caFile?: string;
      /**
       * Turns off TLS certificate verification. Only honoured when exactly `true`;
       * logged as a warning at startup. For throwaway test clusters only: configure
       * `caData` or `caFile` instead.
       * @visibility backend
       */
      skipTLSVerify?: boolean;
      /**
       * A ServiceAccount token of the backend's identity on the cluster.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /**
       * Path of a file holding the token (e.g. a projected, rotating ServiceAccount
       * token); re-read every minute.
       * @visibility backend
       */
      serviceAccountTokenFile?: string;
      /**
       * Client certificate: a PEM block or its base64. With `clientKeyData`.
       * @visibility secret
       */
      clientCertData?: string;
      /**
       * The client certificate's private key: a PEM block or its base64. With
       * `clientCertData`.
       * @visibility secret
       */
      clientKeyData?: string;
      /**
       * Path of the client certificate (PEM). With `clientKeyFile`.
       * @visibility backend
       */
      clientCertFile?: string;
      /**
       * Path of the client certificate's private key (PEM). With `clientCertFile`.
       * @visibility backend
       */
      clientKeyFile?: string;
      /**
       * A kubeconfig for local development: its context gives the server, TLS
       * settings and credentials (including exec plugins such as `oc`), as kubectl
       * uses them. Not with `caData`, `caFile` or `skipTLSVerify`.
       */
      kubeconfig?: {
        /**
         * Path of the kubeconfig file.
         * @visibility backend
         */
        path: string;
        /**
         * The context to use (default: the file's current context).
         * @visibility backend
         */
        context?: string;
      };
      /**
       * A second identity on this cluster, used only by the scaffolder module's
       * actions (`mlops:cluster:check`, `mlops:manifests:apply`, …): it may create the
       * namespaced objects of a new model project (the ClusterRole
       * `backstage-mlops-scaffolder` of packages/dev-cluster shows what it needs). The
       * backend's identity above stays read-mostly. Without it, the scaffolder actions
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
