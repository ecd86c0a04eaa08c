import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import { readClusterConnections } from '../clusters/readClusterConnections';
import { ClusterHttpTransport } from './ClusterHttpTransport';
import { DefaultMlopsClusterClient } from './DefaultMlopsClusterClient';
import type { MlopsClusterClient, MlopsClusterClients } from './types';

/**
 * Options of {@link DefaultMlopsClusterClients.fromConfig}.
 *
 * @public
 */
export interface DefaultMlopsClusterClientsOptions {
  logger: LoggerService;
  /** How long a request may take until its whole answer (default 30 s; watches: until the answer starts). */
  requestTimeoutMs?: number;
}

/**
 * The {@link MlopsClusterClients} of the clusters in config (`kubernetes.clusterLocatorMethods`
 * entries of type `config`, and `mlops.clusters`). The credentials are read here and
 * stay inside the clients.
 *
 * @public
 */
export class DefaultMlopsClusterClients implements MlopsClusterClients {
  static fromConfig(
    config: Config,
    options: DefaultMlopsClusterClientsOptions,
  ): DefaultMlopsClusterClients {
    const connections = readClusterConnections(config);
    for (const connection of connections) {
      warnAbout(connection, options.logger);
    }
    return new DefaultMlopsClusterClients(
      connections,
      options.requestTimeoutMs ?? 30_000,
    );
  }

  private readonly clients = new Map<string, MlopsClusterClient>();

  private constructor(
    private readonly connections: ClusterConnection[],
    private readonly requestTimeoutMs: number,
  ) {}

  forCluster(name: string): MlopsClusterClient {
    const existing = this.clients.get(name);
    if (existing) {
      return existing;
    }
    const connection = this.connections.find(c => c.descriptor.name === name);
    if (!connection) {
      throw new NotFoundError(
        `cluster ${JSON.stringify(
          name,
        )} is not configured; configured clusters: ${
          this.connections.map(c => c.descriptor.name).join(', ') || 'none'
        }`,
      );
    }
    const client = DefaultMlopsClusterClient.create({
      cluster: name,
      transport: ClusterHttpTransport.create(connection, {
        requestTimeoutMs: this.requestTimeoutMs,
      }),
      requestTimeoutMs: this.requestTimeoutMs,
    });
    this.clients.set(name, client);
    return client;
  }
}

function warnAbout(connection: ClusterConnection, logger: LoggerService) {
  const { descriptor, configKey, tls, auth } = connection;
  if (tls.skipTLSVerify) {
    logger.warn(
      `cluster ${descriptor.name}: TLS certificate verification is OFF (${configKey}.skipTLSVerify is true); anyone on the network path can read the backend's credentials. Configure caData or caFile instead.`,
    );
  }
  if (auth.type === 'unsupported') {
    logger.warn(`cluster ${descriptor.name} cannot be used: ${auth.reason}`);
  } else if (
    descriptor.url.startsWith('http:') &&
    auth.type !== 'anonymous' &&
    auth.type !== 'kubeconfig'
  ) {
    logger.warn(
      `cluster ${descriptor.name} (${configKey}.url) uses plain http: the backend's credentials travel unencrypted`,
    );
  }
}
