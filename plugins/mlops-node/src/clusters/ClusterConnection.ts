import type { KubeConfig } from '@kubernetes/client-node';
import type { Redactor } from '../client/redact';
import type { MlopsClusterDescriptor } from './types';

/**
 * Which of a cluster's identities a client uses: the backend's (the Kubernetes
 * plugin's auth provider of the cluster) or the scaffolder's
 * (`mlops.clusters[].scaffolder`).
 *
 * @internal
 */
export type ClusterIdentity = 'backend' | 'scaffolder';

/**
 * Everything a client needs to send one request to a cluster: where it is, its TLS
 * settings and a current credential (in a client-node `KubeConfig`), and a redactor
 * that removes that credential from any text. Asked for again before every request,
 * so a rotated token or a moved cluster counts at once.
 *
 * @internal
 */
export interface ClusterConnection {
  descriptor: MlopsClusterDescriptor;
  kubeConfig: KubeConfig;
  redact: Redactor;
}

/**
 * What a request to a cluster's Prometheus (or Thanos querier) needs: its URL, the
 * `Authorization` header when a token is configured, and a redactor of that token.
 *
 * @internal
 */
export interface PrometheusConnection {
  cluster: string;
  url: string;
  headers: Record<string, string>;
  redact: Redactor;
}
