import { NotFoundError } from '@backstage/errors';
import type { DefaultMlopsClusterRegistry } from '../clusters/DefaultMlopsClusterRegistry';
import { DefaultMlopsClusterClient } from './DefaultMlopsClusterClient';
import type { MlopsClusterClient, MlopsClusterClients } from './types';

/**
 * Options of {@link DefaultMlopsClusterClients.create}.
 *
 * @public
 */
export interface DefaultMlopsClusterClientsOptions {
  /** The clusters, as the Kubernetes plugin locates them. */
  registry: DefaultMlopsClusterRegistry;
  /**
   * Whose credentials the clients use: `backend` (default), the cluster's auth
   * provider in the Kubernetes plugin; `scaffolder`, `mlops.clusters[].scaffolder`
   * (the identity that may create a model project's objects). `forCluster` of a
   * cluster without a scaffolder identity throws a `NotFoundError` naming the key to
   * set; the backend's identity is never used instead.
   */
  identity?: 'backend' | 'scaffolder';
  /** How long a request may take until its whole answer (default 30 s; a log stream: until its answer starts; a watch waits up to its idle timeout instead, client-node's Watch having one timeout). */
  requestTimeoutMs?: number;
}

/**
 * The {@link MlopsClusterClients} of the clusters the Kubernetes plugin locates, with
 * one identity. `forCluster` answers at once; the cluster is looked up, and its
 * credential asked for, before every request (an unknown cluster is a `NotFoundError`
 * then). Credentials stay inside the clients.
 *
 * @public
 */
export class DefaultMlopsClusterClients implements MlopsClusterClients {
  static create(
    options: DefaultMlopsClusterClientsOptions,
  ): DefaultMlopsClusterClients {
    return new DefaultMlopsClusterClients(
      options.registry,
      options.identity ?? 'backend',
      options.requestTimeoutMs ?? 30_000,
    );
  }

  private readonly clients = new Map<string, MlopsClusterClient>();

  private constructor(
    private readonly registry: DefaultMlopsClusterRegistry,
    private readonly identity: 'backend' | 'scaffolder',
    private readonly requestTimeoutMs: number,
  ) {}

  forCluster(name: string): MlopsClusterClient {
    if (
      this.identity === 'scaffolder' &&
      !this.registry.clusterSettings(name).hasScaffolderIdentity
    ) {
      // Said at once: the backend's identity is never used to create objects.
      throw new NotFoundError(
        `cluster ${name} has no scaffolder identity; set mlops.clusters[].scaffolder.serviceAccountToken (or serviceAccountTokenFile) for it`,
      );
    }
    let client = this.clients.get(name);
    if (!client) {
      client = DefaultMlopsClusterClient.create({
        cluster: name,
        connect: () => this.registry.connect(name, this.identity),
        requestTimeoutMs: this.requestTimeoutMs,
      });
      this.clients.set(name, client);
    }
    return client;
  }
}
