import type { MlopsClusterDescriptor } from './types';

/**
 * How the backend authenticates to a cluster. Holds credentials: lives only inside the
 * client factory, never in a descriptor, a response, a log line or an error message.
 *
 * @internal
 */
export type ClusterAuth =
  | { type: 'anonymous' }
  | { type: 'token'; token: string }
  | { type: 'tokenFile'; path: string }
  | {
      type: 'clientCertificate';
      certData?: string;
      keyData?: string;
      certFile?: string;
      keyFile?: string;
    }
  | { type: 'kubeconfig'; path: string; context?: string }
  | { type: 'unsupported'; reason: string };

/**
 * Everything needed to reach one cluster: its descriptor, where in config it came from,
 * TLS settings and credentials.
 *
 * @internal
 */
export interface ClusterConnection {
  descriptor: MlopsClusterDescriptor;
  /** The config key of the entry, e.g. `mlops.clusters[0]` (for messages). */
  configKey: string;
  tls: { caData?: string; caFile?: string; skipTLSVerify: boolean };
  auth: ClusterAuth;
  /**
   * `mlops.clusters[].allowedOwners`: namespace → the owner refs (normalized) whose
   * entities may use it, besides those its annotation names.
   */
  allowedOwners?: ReadonlyMap<string, string[]>;
}
