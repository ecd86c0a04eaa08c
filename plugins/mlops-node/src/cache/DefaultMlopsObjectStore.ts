import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import type { MlopsClusterClients } from '../client/types';
import type { MlopsClusterRegistry } from '../clusters/types';
import {
  MLOPS_RESOURCE_KINDS,
  type MlopsResourceKindId,
} from '../kinds/resourceKinds';
import { ClusterCache, type ClusterCacheSettings } from './ClusterCache';
import { parseListCachedQuery } from './listCachedInput';
import { parseQuery } from './queryInput';
import { readCacheConfig } from './readCacheConfig';
import type {
  MlopsCachedObjects,
  MlopsKindFreshness,
  MlopsObjectEvent,
  MlopsObjectQuery,
  MlopsObjectQueryResult,
  MlopsObjectStore,
} from './types';

/**
 * Options of {@link DefaultMlopsObjectStore.create}. Only the services are required;
 * the rest tunes the cache (tests shorten the timings).
 *
 * @public
 */
export interface DefaultMlopsObjectStoreOptions {
  logger: LoggerService;
  clusterRegistry: MlopsClusterRegistry;
  clusterClients: MlopsClusterClients;
  /** Beyond this many objects a kind stops being cached on that cluster (default 100 000). */
  maxObjectsPerKind?: number;
  /** LIST page size (default 500). */
  pageSize?: number;
  /** The API server ends each watch after this many seconds, randomly up to 1.5× (default 60). */
  watchTimeoutSeconds?: number;
  /** A watch that receives nothing for this long is a hung connection (default: 1.5 × the watch timeout + 15 s). */
  watchIdleTimeoutMs?: number;
  /** How often API discovery runs again per cluster (default 5 minutes). */
  discoveryIntervalMs?: number;
  /** Reconnect backoff: first delay and cap (default 1 s and 30 s), with jitter. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** How often the located clusters are compared with the cached ones (default 30 s). */
  clusterCheckIntervalMs?: number;
}

/**
 * The {@link MlopsObjectStore}: one list+watch per configured cluster × served kind,
 * started when the store is created and stopped by {@link DefaultMlopsObjectStore.stop}
 * (the service factory calls it on root lifecycle shutdown).
 *
 * @public
 */
export class DefaultMlopsObjectStore implements MlopsObjectStore {
  /** Reads `mlops.cache` and starts the store. */
  static fromConfig(
    config: Config,
    options: Omit<DefaultMlopsObjectStoreOptions, 'maxObjectsPerKind'>,
  ): DefaultMlopsObjectStore {
    return DefaultMlopsObjectStore.create({
      ...options,
      ...readCacheConfig(config),
    });
  }

  /** Starts the store: discovery and informers begin at once for every cluster. */
  static create(
    options: DefaultMlopsObjectStoreOptions,
  ): DefaultMlopsObjectStore {
    const watchTimeoutSeconds = options.watchTimeoutSeconds ?? 60;
    const settings: ClusterCacheSettings = {
      maxObjects: options.maxObjectsPerKind ?? 100_000,
      pageSize: options.pageSize ?? 500,
      watchTimeoutSeconds,
      watchIdleTimeoutMs:
        options.watchIdleTimeoutMs ?? watchTimeoutSeconds * 1500 + 15_000,
      discoveryIntervalMs: options.discoveryIntervalMs ?? 5 * 60_000,
      backoff: {
        initialMs: options.backoff?.initialMs ?? 1_000,
        maxMs: options.backoff?.maxMs ?? 30_000,
      },
    };
    const store = new DefaultMlopsObjectStore(options, settings);
    store.start();
    return store;
  }

  private readonly listeners = new Set<(event: MlopsObjectEvent) => void>();
  private readonly caches = new Map<string, ClusterCache>();
  /** Why a cached cluster cannot be used, as its cache was started with (to notice a change). */
  private readonly unusable = new Map<string, string | undefined>();
  private readonly logger: LoggerService;
  private stopped = false;
  private clusterTimer?: NodeJS.Timeout;

  private constructor(
    private readonly options: DefaultMlopsObjectStoreOptions,
    private readonly settings: ClusterCacheSettings,
  ) {
    this.logger = options.logger;
  }

  async query<K extends MlopsResourceKindId>(
    query: MlopsObjectQuery<K>,
  ): Promise<MlopsObjectQueryResult<K>> {
    const q = parseQuery(query);
    if (this.stopped) {
      throw new ServiceUnavailableError('the mlops object store has stopped');
    }
    // NotFoundError naming the located clusters when the name is unknown.
    const cluster = await this.options.clusterRegistry.resolveCluster(
      q.cluster,
    );
    const cache =
      this.caches.get(q.cluster) ??
      this.startCluster(q.cluster, cluster.unusable);
    return cache.query(q.kind as K, q.namespace, q.name, q.labels);
  }

  listCached<K extends MlopsResourceKindId>(query: {
    cluster: string;
    kind: K;
  }): MlopsCachedObjects<K> {
    const q = parseListCachedQuery(query);
    const cache = this.caches.get(q.cluster);
    const kind = q.kind as K;
    if (!cache || this.stopped) {
      return { items: [], synced: false, freshness: { state: 'syncing' } };
    }
    return { ...cache.listCached(kind), freshness: cache.freshness(kind) };
  }

  status(): Array<{
    cluster: string;
    kind: MlopsResourceKindId;
    freshness: MlopsKindFreshness;
    objects: number;
  }> {
    const kinds = Object.keys(MLOPS_RESOURCE_KINDS) as MlopsResourceKindId[];
    return [...this.caches.values()].flatMap(cache =>
      kinds.map(kind => ({
        cluster: cache.cluster,
        kind,
        freshness: cache.freshness(kind),
        objects: cache.objectCount(kind),
      })),
    );
  }

  subscribe(listener: (event: MlopsObjectEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops every watch and timer; resolves when all have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.clusterTimer);
    const caches = [...this.caches.values()];
    this.caches.clear();
    await Promise.all(caches.map(cache => cache.stop()));
  }

  /** Caches every located cluster, and follows the list as clusters come and go. */
  private start() {
    const interval = this.options.clusterCheckIntervalMs ?? 30_000;
    const check = async () => {
      try {
        await this.followClusters();
      } catch (error) {
        // The registry logs why the clusters cannot be read; queries say it too.
        this.logger.debug(`the located clusters could not be read: ${error}`);
      }
      if (!this.stopped) {
        this.clusterTimer = setTimeout(check, interval);
        this.clusterTimer.unref?.();
      }
    };
    void check();
  }

  private async followClusters() {
    const located = await this.options.clusterRegistry.listClusters();
    if (this.stopped) return;
    const names = new Set(located.map(c => c.name));
    for (const { name, unusable } of located) {
      const cache = this.caches.get(name);
      if (cache && this.unusable.get(name) === unusable) continue;
      if (cache) {
        // Its credentials became usable (or not): start over.
        this.caches.delete(name);
        void cache.stop();
      }
      this.startCluster(name, unusable);
    }
    for (const [name, cache] of this.caches) {
      if (!names.has(name)) {
        this.logger.info(
          `cluster ${name} is no longer located: its cache is dropped`,
        );
        this.caches.delete(name);
        this.unusable.delete(name);
        void cache.stop();
      }
    }
  }

  private startCluster(name: string, unusable?: string): ClusterCache {
    const client = unusable
      ? { unusable }
      : this.options.clusterClients.forCluster(name);
    this.unusable.set(name, unusable);
    const cache = ClusterCache.create({
      cluster: name,
      client,
      logger: this.logger.child({ cluster: name }),
      settings: this.settings,
      onEvent: event => this.emit(event),
    });
    this.caches.set(name, cache);
    cache.start();
    return cache;
  }

  private emit(event: MlopsObjectEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn(
          `an object store subscriber failed on ${event.type} ${event.kind} ${event.object.metadata.namespace}/${event.object.metadata.name}: ${error}`,
        );
      }
    }
  }
}
