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
  /** Kubernetes version of the API server, e.g. `v1.37.2`. */
  version: string;
  /** The state directory itself. */
  stateDir: string;
  /** Seconds `up` took until ready. */
  readySeconds: number;
}
