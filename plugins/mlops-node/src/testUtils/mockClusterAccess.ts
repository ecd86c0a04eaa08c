import {
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type { JsonObject } from '@backstage/types';
import type {
  AuthenticationStrategy,
  ClusterDetails,
} from '@backstage/plugin-kubernetes-node';
import { KubeConfig } from '@kubernetes/client-node';
import { DefaultMlopsClusterClients } from '../client/DefaultMlopsClusterClients';
import type { MlopsClusterClients } from '../client/types';
import { DefaultMlopsClusterRegistry } from '../clusters/DefaultMlopsClusterRegistry';
import type { MlopsKubernetesClusterAccess } from '../clusters/types';
import { KubernetesClusterAccessHolder } from '../kubernetes/KubernetesClusterAccessHolder';
import { mlopsKubernetesClusterAccessServiceRef } from '../kubernetes/kubernetesClusterAccessServiceRef';

const silentLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/**
 * Options of {@link mockClusterDetails}.
 *
 * @public
 */
export interface MockClusterDetailsOptions {
  /** Default `serviceAccount`. */
  authProvider?: string;
  /**
   * The token the mock strategy gives for the cluster (`serviceAccountToken` in its
   * auth metadata); default `mock-service-account-token` for a `serviceAccount`
   * cluster, so that it is usable.
   */
  serviceAccountToken?: string;
  /** Base64 of the cluster's CA (PEM). */
  caData?: string;
  skipTLSVerify?: boolean;
  title?: string;
}

/**
 * A cluster as the Kubernetes plugin's `config` locator describes it.
 *
 * @public
 */
export function mockClusterDetails(
  name: string,
  url: string,
  options: MockClusterDetailsOptions = {},
): ClusterDetails {
  const authProvider = options.authProvider ?? 'serviceAccount';
  const token =
    options.serviceAccountToken ??
    (authProvider === 'serviceAccount'
      ? 'mock-service-account-token'
      : undefined);
  return {
    name,
    url,
    ...(options.title ? { title: options.title } : {}),
    caData: options.caData,
    skipTLSVerify: options.skipTLSVerify,
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider,
      ...(token ? { serviceAccountToken: token } : {}),
    },
  };
}

/**
 * An auth strategy that gives the `serviceAccountToken` of a cluster's auth metadata
 * as its bearer token, and no credential otherwise (a stand-in for the Kubernetes
 * plugin's strategies in tests that run without it).
 */
const tokenFromMetadata: AuthenticationStrategy = {
  async getCredential(clusterDetails) {
    const token = clusterDetails.authMetadata.serviceAccountToken;
    return token ? { type: 'bearer token', token } : { type: 'anonymous' };
  },
  validateCluster: () => [],
  presentAuthMetadata: () => ({}),
};

/**
 * What the Kubernetes backend plugin would hand over, over a fixed cluster list (or a
 * function returning the current list). The strategy defaults to one that gives each
 * cluster's `serviceAccountToken` as its bearer token.
 *
 * @public
 */
export function mockMlopsClusterAccess(
  clusters: ClusterDetails[] | (() => ClusterDetails[]),
  authStrategy: AuthenticationStrategy = tokenFromMetadata,
): MlopsKubernetesClusterAccess {
  return {
    getClusters: async () =>
      typeof clusters === 'function' ? clusters() : [...clusters],
    authStrategy,
  };
}

/**
 * A service factory for `mlopsKubernetesClusterAccessServiceRef` that hands over the
 * given access at once, for test backends without the Kubernetes backend plugin.
 *
 * @public
 */
export function mockMlopsClusterAccessServiceFactory(
  access: MlopsKubernetesClusterAccess,
) {
  return createServiceFactory({
    service: mlopsKubernetesClusterAccessServiceRef,
    deps: {},
    factory: () => {
      const holder = KubernetesClusterAccessHolder.create();
      holder.supply(access);
      return holder;
    },
  });
}

/**
 * Access to the cluster of a kubeconfig's current context with its client
 * certificate (the Kubernetes plugin's `x509 client certificate` credential), e.g. a
 * dev cluster's admin: a cluster named `name` whose strategy gives that certificate.
 *
 * @public
 */
export function mockMlopsClusterAccessFromKubeconfig(
  name: string,
  kubeconfigPath: string,
): MlopsKubernetesClusterAccess {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster || !user?.certData || !user.keyData) {
    throw new Error(
      `${kubeconfigPath}: its current context has no cluster or no client certificate`,
    );
  }
  const pem = (data: string) => Buffer.from(data, 'base64').toString('utf8');
  return mockMlopsClusterAccess(
    [
      {
        name,
        url: cluster.server,
        caData: cluster.caData,
        caFile: cluster.caFile,
        authMetadata: {
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'x509',
        },
      },
    ],
    {
      getCredential: async () => ({
        type: 'x509 client certificate',
        cert: pem(user.certData!),
        key: pem(user.keyData!),
      }),
      validateCluster: () => [],
      presentAuthMetadata: () => ({}),
    },
  );
}

/**
 * The clients of the clusters an access locates, as the backend's identity (or the
 * scaffolder's, with `mlops.clusters` from `mlops`).
 *
 * @public
 */
export function mockMlopsClusterClients(
  access: MlopsKubernetesClusterAccess,
  options: {
    identity?: 'backend' | 'scaffolder';
    mlops?: JsonObject;
    requestTimeoutMs?: number;
  } = {},
): MlopsClusterClients {
  return DefaultMlopsClusterClients.create({
    registry: DefaultMlopsClusterRegistry.create({
      access,
      config: new ConfigReader(options.mlops ? { mlops: options.mlops } : {}),
      logger: silentLogger,
    }),
    identity: options.identity,
    requestTimeoutMs: options.requestTimeoutMs,
  });
}
