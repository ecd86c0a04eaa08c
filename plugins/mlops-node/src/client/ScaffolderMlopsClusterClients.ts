import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import { readClusterConnections } from '../clusters/readClusterConnections';
import { scaffolderIdentitySchema } from '../clusters/scaffolderIdentitySchema';
import { configInputError } from '../clusters/formatConfigIssues';
import { ClusterHttpTransport } from './ClusterHttpTransport';
import { DefaultMlopsClusterClient } from './DefaultMlopsClusterClient';
import type { MlopsClusterClient, MlopsClusterClients } from './types';

/**
 * Options of {@link ScaffolderMlopsClusterClients.fromConfig}.
 *
 * @public
 */
export interface ScaffolderMlopsClusterClientsOptions {
  logger: LoggerService;
  /** How long a request may take until its whole answer (default 30 s). */
  requestTimeoutMs?: number;
}

/** A cluster's connection with its scaffolder identity, or why it has none. */
type ScaffolderConnection =
  | { connection: ClusterConnection }
  | { missing: string };

/**
 * The {@link MlopsClusterClients} of the scaffolder identity: the same clusters as the
 * backend's clients (same URL and TLS settings), each with the credentials of
 * `mlops.clusters[].scaffolder` instead of the backend's. A cluster without that
 * block has no scaffolder client: `forCluster` throws a `NotFoundError` naming the
 * config key to set (the backend's read identity is never used to create objects).
 *
 * @public
 */
export class ScaffolderMlopsClusterClients implements MlopsClusterClients {
  static fromConfig(
    config: Config,
    options: ScaffolderMlopsClusterClientsOptions,
  ): ScaffolderMlopsClusterClients {
    const connections = readClusterConnections(config);
    const byName = new Map<string, ScaffolderConnection>();
    for (const connection of connections) {
      byName.set(connection.descriptor.name, {
        missing: `cluster ${connection.descriptor.name} has no scaffolder identity; set mlops.clusters[].scaffolder.serviceAccountToken (or serviceAccountTokenFile) for it`,
      });
    }
    (config.getOptionalConfigArray('mlops.clusters') ?? []).forEach(
      (cluster, i) => {
        const key = `mlops.clusters[${i}].scaffolder`;
        const data = cluster.getOptional('scaffolder');
        const name = cluster.getString('name');
        const backend = connections.find(c => c.descriptor.name === name);
        if (data === undefined || !backend) {
          return;
        }
        const parsed = scaffolderIdentitySchema.safeParse(data);
        if (!parsed.success) {
          throw configInputError(key, data, parsed.error);
        }
        byName.set(name, {
          connection: {
            ...backend,
            configKey: key,
            auth: parsed.data.serviceAccountToken
              ? { type: 'token', token: parsed.data.serviceAccountToken }
              : {
                  type: 'tokenFile',
                  path: parsed.data.serviceAccountTokenFile!,
                },
          },
        });
      },
    );
    const withIdentity = [...byName.entries()].filter(
      ([, c]) => 'connection' in c,
    );
    options.logger.info(
      `scaffolder identity configured for ${withIdentity.length} of ${byName.size} cluster(s)`,
    );
    return new ScaffolderMlopsClusterClients(
      byName,
      options.requestTimeoutMs ?? 30_000,
    );
  }

  private readonly clients = new Map<string, MlopsClusterClient>();

  private constructor(
    private readonly connections: Map<string, ScaffolderConnection>,
    private readonly requestTimeoutMs: number,
  ) {}

  forCluster(name: string): MlopsClusterClient {
    const existing = this.clients.get(name);
    if (existing) {
      return existing;
    }
    const entry = this.connections.get(name);
    if (!entry) {
      throw new NotFoundError(
        `cluster ${JSON.stringify(
          name,
        )} is not configured; configured clusters: ${
          [...this.connections.keys()].join(', ') || 'none'
        }`,
      );
    }
    if ('missing' in entry) {
      throw new NotFoundError(entry.missing);
    }
    const client = DefaultMlopsClusterClient.create({
      cluster: name,
      transport: ClusterHttpTransport.create(entry.connection, {
        requestTimeoutMs: this.requestTimeoutMs,
      }),
      requestTimeoutMs: this.requestTimeoutMs,
    });
    this.clients.set(name, client);
    return client;
  }
}
