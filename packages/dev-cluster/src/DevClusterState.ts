/**
 * What `devcluster up` writes to `<state dir>/state.json` once the cluster is ready
 * (the contract is described in GO.md; fields are only ever added).
 *
 * @public
 */
export interface DevClusterState {
  /** URL clients use: the shim in front of the API server (both kubeconfigs point here). */
  server: string;
  /** The real kube-apiserver URL. */
  apiServer: string;
  /** Path of the cluster CA certificate (PEM). */
  caFile: string;
  /** Base64 of the cluster CA certificate (PEM), as kubeconfigs and Backstage config take it. */
  caData: string;
  /** Kubeconfig with the admin client certificate (`O=system:masters`). */
  adminKubeconfig: string;
  /** Kubeconfig with the least-privilege ServiceAccount token of the Backstage backend. */
  backendKubeconfig: string;
  /** The backend's ServiceAccount token. */
  backendToken: string;
  /** Namespace and name of the backend's ServiceAccount. */
  backendNamespace: string;
  backendServiceAccount: string;
  /**
   * A token of the scaffolder actions' ServiceAccount (`backstage-mlops-scaffolder` in
   * the backend's namespace, ClusterRole `backstage-mlops-scaffolder`), as
   * `mlops.clusters[].scaffolder.serviceAccountToken` takes it.
   */
  scaffolderToken: string;
  scaffolderServiceAccount: string;
  /** Kubernetes version of the API server, e.g. `v1.37.2`. */
  version: string;
  /** The state directory itself. */
  stateDir: string;
  /** Seconds `up` took until ready. */
  readySeconds: number;
  /** Kubeconfig with the admin client certificate straight to {@link DevClusterState.apiServer} (no shim). */
  directKubeconfig: string;
  /** URL of the cluster's etcd. */
  etcdUrl: string;
  /** Pids of the cluster's processes (0 while a component is stopped). */
  pids: {
    etcd: number;
    apiserver: number;
    shim: number;
    coreControllers: number;
    sim?: number;
  };
  /** API groups `up --skip-crds` left out. */
  skippedCrdGroups?: string[];
  /**
   * Whether the cluster executes what is not marked simulated: TaskRun steps,
   * notebooks, S2I builds and model servers (`up` without `--no-execute`).
   */
  execute: boolean;
  /**
   * The cluster's service network, an HTTP proxy that reaches
   * `http://<service>.<namespace>.svc[.cluster.local]` (e.g. a predictor); absent
   * without execution.
   */
  serviceProxy?: string;
  /** The cluster's git server: `<gitServer>/<name>` is the repository `<gitRoot>/<name>`. */
  gitServer?: string;
  gitRoot?: string;
  /**
   * The executed work: `volumes/<namespace>/<claim>` holds a PersistentVolumeClaim's
   * data.
   */
  platformDir?: string;
  /**
   * A Prometheus file-based service discovery file (`file_sd_configs`) listing the
   * metrics endpoints of the model servers the cluster runs, labelled `namespace`,
   * `pod` and `container` as a real cluster's scrape labels them.
   */
  scrapeTargets?: string;
}
