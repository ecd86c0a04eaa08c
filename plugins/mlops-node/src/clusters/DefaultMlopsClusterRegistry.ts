import { readFile } from 'node:fs/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  assertError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type {
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import {
  chooseCluster,
  MLOPS_CLUSTER_PROBLEM_PROPERTY,
  type MlopsClusterProblem,
} from '@backstage-mlops/plugin-mlops-common';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFor } from '../client/kubeConfigFor';
import { createRedactor } from '../client/redact';
import type { ClusterSettingsConfig } from './clusterSettingsSchema';
import type {
  ClusterConnection,
  ClusterIdentity,
  PrometheusConnection,
} from './ClusterConnection';
import { readClusterSettings } from './readClusterSettings';
import type {
  MlopsClusterDescriptor,
  MlopsClusterRegistry,
  MlopsClusterSettings,
  MlopsKubernetesClusterAccess,
} from './types';

/**
 * Options of {@link DefaultMlopsClusterRegistry.create}.
 *
 * @public
 */
export interface DefaultMlopsClusterRegistryOptions {
  /** The Kubernetes plugin's cluster access (or the promise of it, while its backend starts). */
  access: MlopsKubernetesClusterAccess | Promise<MlopsKubernetesClusterAccess>;
  /** The root config: `mlops.clusters` is read from it, once. */
  config: Config;
  logger: LoggerService;
  /** How long the located clusters are reused before the Kubernetes plugin is asked again (default 30 s). */
  refreshIntervalMs?: number;
  /** How long a credential from an auth strategy is reused (default 60 s). */
  credentialTtlMs?: number;
}

/** An unknown cluster name asks the Kubernetes plugin again at most this often. */
const MISS_REFRESH_MS = 5_000;

interface Located {
  details: ClusterDetails;
  descriptor: MlopsClusterDescriptor;
}

interface Snapshot {
  at: number;
  clusters: Located[];
}

function withProblem<E extends Error>(error: E, problem: MlopsClusterProblem) {
  return Object.assign(error, { [MLOPS_CLUSTER_PROBLEM_PROPERTY]: problem });
}

/** The auth provider a cluster names (config and catalog locators always set one). */
function authProviderOf(details: ClusterDetails): string {
  return details.authMetadata?.[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ?? '';
}

/** The literal secrets of a credential, for the redactor. */
function secretsOf(credential: KubernetesCredential): string[] {
  if (credential.type === 'bearer token') return [credential.token];
  if (credential.type === 'x509 client certificate') {
    return [credential.key, credential.cert];
  }
  return [];
}

/** A URL with user info or a query string could carry a credential: such a cluster is refused. */
function urlProblem(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      return `its URL must be http(s), got ${parsed.protocol}`;
    }
    if (parsed.username || parsed.password || parsed.search || parsed.hash) {
      return 'its URL must not carry credentials, a query string or a fragment';
    }
    return undefined;
  } catch {
    return 'its URL is not a valid URL';
  }
}

/**
 * The {@link MlopsClusterRegistry} over the Kubernetes plugin: the clusters its
 * locators find, each with the credentials its auth strategy gives (the backend's
 * identity) or `mlops.clusters[].scaffolder` (the scaffolder's). The located list is
 * reused for `refreshIntervalMs` and asked for again sooner when an entity names a
 * cluster it does not have; when the Kubernetes plugin cannot be asked, the last list
 * is kept. `mlops.clusters` is read once, here.
 *
 * @public
 */
export class DefaultMlopsClusterRegistry implements MlopsClusterRegistry {
  /** Reads `mlops.clusters`; throws `InputError` naming a bad key. */
  static create(
    options: DefaultMlopsClusterRegistryOptions,
  ): DefaultMlopsClusterRegistry {
    return new DefaultMlopsClusterRegistry(
      Promise.resolve(options.access),
      readClusterSettings(options.config),
      options.logger,
      options.refreshIntervalMs ?? 30_000,
      options.credentialTtlMs ?? 60_000,
    );
  }

  #snapshot?: Snapshot;
  #loading?: Promise<Snapshot>;
  #lastFailure?: string;
  readonly #credentials = new Map<
    string,
    { at: number; credential: Promise<KubernetesCredential> }
  >();
  readonly #kubeConfigs = new Map<string, { key: string; kc: KubeConfig }>();

  private constructor(
    private readonly access: Promise<MlopsKubernetesClusterAccess>,
    private readonly settings: Map<string, ClusterSettingsConfig>,
    private readonly logger: LoggerService,
    private readonly refreshIntervalMs: number,
    private readonly credentialTtlMs: number,
  ) {
    // Nobody may be waiting yet when the Kubernetes plugin turns out to be missing.
    this.access.catch(() => undefined);
  }

  async listClusters(): Promise<MlopsClusterDescriptor[]> {
    const { clusters } = await this.load();
    return clusters.map(c => ({ ...c.descriptor }));
  }

  async resolveCluster(name?: string): Promise<MlopsClusterDescriptor> {
    return { ...(await this.locate(name)).descriptor };
  }

  clusterSettings(name: string): MlopsClusterSettings {
    const settings = this.settings.get(name);
    return {
      workbenchUrlTemplate: settings?.workbenchUrlTemplate,
      allowedOwners: settings?.allowedOwners ?? new Map(),
      hasScaffolderIdentity: settings?.scaffolder !== undefined,
      prometheusUrl: settings?.prometheus?.url,
    };
  }

  /**
   * Where the cluster's serving metrics are queried (`mlops.clusters[].prometheus`),
   * with its current token. Throws `NotFoundError` naming the key to set when the
   * cluster has none, and `ServiceUnavailableError` when its token file cannot be
   * read.
   *
   * @internal
   */
  async prometheusConnection(name: string): Promise<PrometheusConnection> {
    const prometheus = this.settings.get(name)?.prometheus;
    if (!prometheus) {
      throw new NotFoundError(
        `no Prometheus is configured for cluster ${name}: set mlops.clusters[].prometheus.url (a Prometheus or Thanos querier that scrapes its model servers) for the entry named ${name}`,
      );
    }
    let token = prometheus.token;
    if (prometheus.tokenFile) {
      const key = `prometheus\0${name}`;
      let cached = this.#credentials.get(key);
      if (!cached || Date.now() - cached.at >= this.credentialTtlMs) {
        const credential = readFile(prometheus.tokenFile, 'utf8').then(
          text => ({ type: 'bearer token' as const, token: text.trim() }),
          error => {
            throw new ServiceUnavailableError(
              `the Prometheus token of cluster ${name} cannot be read from mlops.clusters[].prometheus.tokenFile: ${
                (error as NodeJS.ErrnoException).code ?? 'unreadable'
              }`,
            );
          },
        );
        cached = { at: Date.now(), credential };
        this.#credentials.set(key, cached);
        credential.catch(() => this.#credentials.delete(key));
      }
      const credential = await cached.credential;
      token = credential.type === 'bearer token' ? credential.token : undefined;
    }
    return {
      cluster: name,
      url: prometheus.url.replace(/\/+$/, ''),
      headers: token ? { authorization: `Bearer ${token}` } : {},
      redact: createRedactor([token]),
    };
  }

  /**
   * What a client needs for its next request to a cluster with an identity. Throws
   * like {@link DefaultMlopsClusterRegistry.resolveCluster}, and
   * `ServiceUnavailableError` (a `NotFoundError` for a missing scaffolder identity)
   * saying why when the identity has no credential for it.
   *
   * @internal
   */
  async connect(
    name: string,
    identity: ClusterIdentity,
  ): Promise<ClusterConnection> {
    const { details, descriptor } = await this.locate(name);
    if (identity === 'backend' && descriptor.unusable) {
      throw withProblem(
        new ServiceUnavailableError(
          `cluster ${name} cannot be used by backstage-mlops: ${descriptor.unusable}`,
        ),
        {
          type: 'unusable-cluster',
          cluster: name,
          reason: descriptor.unusable,
        },
      );
    }
    const credential =
      identity === 'backend'
        ? await this.backendCredential(details)
        : await this.scaffolderCredential(name);
    return {
      descriptor: { ...descriptor },
      kubeConfig: this.kubeConfigOf(identity, details, credential),
      redact: createRedactor([
        ...secretsOf(credential),
        details.authMetadata?.serviceAccountToken,
      ]),
    };
  }

  private async locate(name?: string): Promise<Located> {
    let snapshot = await this.load();
    if (
      name !== undefined &&
      !snapshot.clusters.some(c => c.descriptor.name === name) &&
      Date.now() - snapshot.at >= MISS_REFRESH_MS
    ) {
      // A cluster added since (e.g. a new catalog Resource) is found at once.
      snapshot = await this.load(true);
    }
    const choice = chooseCluster(
      name,
      snapshot.clusters.map(located => ({
        name: located.descriptor.name,
        located,
      })),
    );
    if (!choice.problem) return choice.cluster.located;
    const { problem } = choice;
    switch (problem.type) {
      case 'unknown-cluster':
        throw withProblem(
          new NotFoundError(
            `cluster ${JSON.stringify(
              problem.cluster,
            )} is not located by the Kubernetes plugin (kubernetes.clusterLocatorMethods); located clusters: ${
              problem.configured.join(', ') || 'none'
            }`,
          ),
          problem,
        );
      case 'ambiguous-cluster':
        throw withProblem(
          new InputError(
            `several clusters are configured (${problem.configured.join(
              ', ',
            )}); set the mlops.backstage.io/cluster annotation to choose one`,
          ),
          problem,
        );
      default:
        // The portal's configuration is missing, not anything of the entity's.
        throw withProblem(
          new ServiceUnavailableError(
            'no cluster is configured for backstage-mlops: add one under kubernetes.clusterLocatorMethods in app-config.yaml (the Kubernetes plugin locates the clusters backstage-mlops uses)',
          ),
          problem,
        );
    }
  }

  /** The located clusters, asked for again when older than the refresh interval (one request at a time). */
  private async load(force = false): Promise<Snapshot> {
    const current = this.#snapshot;
    if (current && !force && Date.now() - current.at < this.refreshIntervalMs) {
      return current;
    }
    this.#loading ??= this.locateAll().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  private async locateAll(): Promise<Snapshot> {
    let details: ClusterDetails[];
    let access: MlopsKubernetesClusterAccess;
    try {
      access = await this.access;
      details = await access.getClusters();
    } catch (error) {
      assertError(error);
      const previous = this.#snapshot;
      if (this.#lastFailure !== error.message) {
        this.#lastFailure = error.message;
        this.logger.warn(
          `could not read the Kubernetes plugin's clusters${
            previous ? ' (keeping the last list)' : ''
          }: ${error.message}`,
        );
      }
      if (previous) {
        previous.at = Date.now();
        return previous;
      }
      if (MLOPS_CLUSTER_PROBLEM_PROPERTY in error) throw error;
      throw withProblem(
        new ServiceUnavailableError(
          `the Kubernetes plugin's clusters cannot be read: ${error.message}`,
        ),
        { type: 'clusters-unavailable', reason: error.message },
      );
    }
    this.#lastFailure = undefined;
    const seen = new Set<string>();
    const clusters: Located[] = [];
    for (const cluster of details) {
      if (seen.has(cluster.name)) continue; // the Kubernetes plugin warns about duplicates
      seen.add(cluster.name);
      clusters.push({
        details: cluster,
        descriptor: await this.describe(access, cluster),
      });
    }
    const snapshot = { at: Date.now(), clusters };
    this.logChanges(this.#snapshot, snapshot);
    this.#snapshot = snapshot;
    return snapshot;
  }

  private async describe(
    access: MlopsKubernetesClusterAccess,
    details: ClusterDetails,
  ): Promise<MlopsClusterDescriptor> {
    const authProvider = authProviderOf(details);
    const descriptor: MlopsClusterDescriptor = {
      name: details.name,
      ...(details.title ? { title: details.title } : {}),
      url: details.url,
      authProvider,
    };
    const unusable =
      urlProblem(details.url) ??
      (await this.credentialProblem(access, details, authProvider));
    return unusable ? { ...descriptor, unusable } : descriptor;
  }

  /** Why the cluster's auth provider gives the backend no credential, if it does not. */
  private async credentialProblem(
    access: MlopsKubernetesClusterAccess,
    details: ClusterDetails,
    authProvider: string,
  ): Promise<string | undefined> {
    try {
      const credential = await this.backendCredential(details, access);
      // The Kubernetes plugin's own rule: only localKubectlProxy works without one.
      if (
        credential.type === 'anonymous' &&
        authProvider !== 'localKubectlProxy'
      ) {
        return `its auth provider "${authProvider}" gives the backend no credential (it authenticates each user in the browser); backstage-mlops reads and acts with the backend's own identity: use a server-side auth provider for it (serviceAccount, aws, azure, googleServiceAccount, localKubectlProxy, or one a module adds)`;
      }
      return undefined;
    } catch (error) {
      assertError(error);
      return `its auth provider "${authProvider}" gives the backend no credential: ${createRedactor(
        [details.authMetadata?.serviceAccountToken],
      )(error.message)}`;
    }
  }

  private async backendCredential(
    details: ClusterDetails,
    known?: MlopsKubernetesClusterAccess,
  ): Promise<KubernetesCredential> {
    const key = `backend\0${details.name}`;
    const cached = this.#credentials.get(key);
    if (cached && Date.now() - cached.at < this.credentialTtlMs) {
      return cached.credential;
    }
    const credential = (known ? Promise.resolve(known) : this.access).then(a =>
      // Server-side: no per-user request auth.
      a.authStrategy.getCredential(details, {}),
    );
    this.#credentials.set(key, { at: Date.now(), credential });
    credential.catch(() => this.#credentials.delete(key));
    return credential;
  }

  private async scaffolderCredential(
    name: string,
  ): Promise<KubernetesCredential> {
    const identity = this.settings.get(name)?.scaffolder;
    if (!identity) {
      throw new NotFoundError(
        `cluster ${name} has no scaffolder identity; set mlops.clusters[].scaffolder.serviceAccountToken (or serviceAccountTokenFile) for it`,
      );
    }
    if (identity.serviceAccountToken) {
      return { type: 'bearer token', token: identity.serviceAccountToken };
    }
    const key = `scaffolder\0${name}`;
    const cached = this.#credentials.get(key);
    if (cached && Date.now() - cached.at < this.credentialTtlMs) {
      return cached.credential;
    }
    // A projected token rotates: read again at most every credentialTtlMs.
    const credential = readFile(identity.serviceAccountTokenFile!, 'utf8').then(
      token => ({ type: 'bearer token' as const, token: token.trim() }),
      error => {
        throw new ServiceUnavailableError(
          `the scaffolder identity of cluster ${name} cannot be read from mlops.clusters[].scaffolder.serviceAccountTokenFile: ${
            (error as NodeJS.ErrnoException).code ?? 'unreadable'
          }`,
        );
      },
    );
    this.#credentials.set(key, { at: Date.now(), credential });
    credential.catch(() => this.#credentials.delete(key));
    return credential;
  }

  /** One client-node KubeConfig per cluster and identity, made again only when something changed. */
  private kubeConfigOf(
    identity: ClusterIdentity,
    details: ClusterDetails,
    credential: KubernetesCredential,
  ): KubeConfig {
    const key = JSON.stringify([
      details.url,
      details.caData,
      details.caFile,
      details.skipTLSVerify,
      credential,
    ]);
    const slot = `${identity}\0${details.name}`;
    const cached = this.#kubeConfigs.get(slot);
    if (cached?.key === key) {
      return cached.kc;
    }
    const kc = kubeConfigFor(details, credential);
    this.#kubeConfigs.set(slot, { key, kc });
    return kc;
  }

  private logChanges(before: Snapshot | undefined, after: Snapshot) {
    const old = new Map(
      (before?.clusters ?? []).map(c => [c.descriptor.name, c.descriptor]),
    );
    for (const { descriptor } of after.clusters) {
      const previous = old.get(descriptor.name);
      if (previous && previous.unusable === descriptor.unusable) continue;
      if (descriptor.unusable) {
        this.logger.warn(
          `cluster ${descriptor.name} cannot be used by backstage-mlops: ${descriptor.unusable}`,
        );
      } else {
        this.logger.info(
          `cluster ${descriptor.name} (${descriptor.authProvider}) located by the Kubernetes plugin`,
        );
      }
      if (descriptor.url.startsWith('http:') && !descriptor.unusable) {
        if (descriptor.authProvider !== 'localKubectlProxy') {
          this.logger.warn(
            `cluster ${descriptor.name} uses plain http: the backend's credentials travel unencrypted`,
          );
        }
      }
    }
    for (const name of old.keys()) {
      if (!after.clusters.some(c => c.descriptor.name === name)) {
        this.logger.info(
          `cluster ${name} is no longer located by the Kubernetes plugin`,
        );
      }
    }
  }
}
