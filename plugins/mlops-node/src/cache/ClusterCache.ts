import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { clusterApiStatusOf } from '../client/MlopsClusterApiError';
import type { MlopsClusterClient } from '../client/types';
import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import {
  MLOPS_RESOURCE_KINDS,
  labelSelectorOfKind,
  type MlopsResourceKindId,
  type MlopsSlimObjects,
} from '../kinds/resourceKinds';
import { discoverServedKinds } from './discoverServedKinds';
import { ExponentialBackoff } from './ExponentialBackoff';
import { KindInformer, type KindInformerSettings } from './KindInformer';
import type {
  MlopsKindFreshness,
  MlopsObjectEvent,
  MlopsObjectQueryResult,
} from './types';

/**
 * Settings of a {@link ClusterCache}: those of its informers plus discovery's.
 *
 * @internal
 */
export interface ClusterCacheSettings extends KindInformerSettings {
  /** How often API discovery is repeated (kinds installed or removed later). */
  discoveryIntervalMs: number;
}

/**
 * Options of {@link ClusterCache.create}.
 *
 * @internal
 */
export interface ClusterCacheOptions {
  cluster: string;
  /** The cluster's client, or why there is none. */
  client: MlopsClusterClient | { unusable: string };
  logger: LoggerService;
  settings: ClusterCacheSettings;
  onEvent: (event: MlopsObjectEvent) => void;
}

const KIND_IDS = Object.keys(MLOPS_RESOURCE_KINDS) as MlopsResourceKindId[];
/** A re-check of discovery asked for by a 404 waits at least this long after the last one. */
const RECHECK_MIN_INTERVAL_MS = 5_000;

/**
 * The cache of one cluster: API discovery (at start, periodically, and when a kind
 * answers 404 or goes stale), one {@link KindInformer} per served kind, the freshness of every kind,
 * and the direct API list that answers a query before its kind has synced.
 *
 * @internal
 */
export class ClusterCache {
  static create(options: ClusterCacheOptions): ClusterCache {
    return new ClusterCache(options);
  }

  private readonly informers = new Map<MlopsResourceKindId, KindInformer>();
  private readonly notInstalled = new Map<MlopsResourceKindId, string>();
  private readonly backoff: ExponentialBackoff;
  private discoveryFailure?: { since: Date; reason: string };
  private stopped = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private lastDiscovery = 0;

  private constructor(private readonly options: ClusterCacheOptions) {
    this.backoff = ExponentialBackoff.create(options.settings.backoff);
  }

  get cluster(): string {
    return this.options.cluster;
  }

  /** Starts discovery and, through it, the informers of the served kinds. */
  start(): void {
    const { client, cluster, logger } = this.options;
    if ('unusable' in client) {
      this.discoveryFailure = { since: new Date(), reason: client.unusable };
      logger.warn(`cluster ${cluster} is not cached: ${client.unusable}`);
      return;
    }
    this.loop ??= this.discoveryLoop(client);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
    await Promise.all([...this.informers.values()].map(i => i.stop()));
  }

  /** Asks for a discovery round soon (a kind answered 404). */
  recheck(): void {
    if (Date.now() - this.lastDiscovery >= RECHECK_MIN_INTERVAL_MS) {
      this.wakeUp?.();
    }
  }

  freshness(kind: MlopsResourceKindId): MlopsKindFreshness {
    const reason = this.notInstalled.get(kind);
    if (reason) {
      return { state: 'not-installed', reason };
    }
    const informer = this.informers.get(kind);
    if (informer) {
      return informer.freshness();
    }
    if (this.discoveryFailure) {
      return {
        state: 'stale',
        staleSince: this.discoveryFailure.since.toISOString(),
        reason: this.discoveryFailure.reason,
      };
    }
    return { state: 'syncing' };
  }

  objectCount(kind: MlopsResourceKindId): number {
    return this.informers.get(kind)?.size ?? 0;
  }

  /** Every object of a kind from memory, and whether that is a complete view. */
  listCached<K extends MlopsResourceKindId>(
    kind: K,
  ): { items: Array<MlopsSlimObjects[K]>; synced: boolean } {
    if (this.notInstalled.has(kind)) {
      return { items: [], synced: true };
    }
    const informer = this.informers.get(kind);
    return informer?.hasSynced
      ? { items: informer.values() as Array<MlopsSlimObjects[K]>, synced: true }
      : { items: [], synced: false };
  }

  /**
   * Objects of a kind in a namespace: from memory once synced (stale or not), from the
   * API server before that or when the kind is too big to cache.
   */
  async query<K extends MlopsResourceKindId>(
    kind: K,
    namespace: string | undefined,
    name?: string,
    labels?: Record<string, string>,
  ): Promise<MlopsObjectQueryResult<K>> {
    const freshness = this.freshness(kind);
    if (freshness.state === 'not-installed') {
      return { items: [], freshness, source: 'cache' };
    }
    const informer = this.informers.get(kind);
    if (informer?.hasSynced) {
      return {
        // Cluster-scoped objects are indexed under the namespace ''.
        items: informer.query(namespace ?? '', name, labels) as Array<
          MlopsSlimObjects[K]
        >,
        freshness,
        source: 'cache',
      };
    }
    return this.queryApi(kind, namespace, name, labels, freshness);
  }

  private async queryApi<K extends MlopsResourceKindId>(
    kind: K,
    namespace: string | undefined,
    name: string | undefined,
    labels: Record<string, string> | undefined,
    freshness: MlopsKindFreshness,
  ): Promise<MlopsObjectQueryResult<K>> {
    const { client, settings } = this.options;
    if ('unusable' in client) {
      throw new ServiceUnavailableError(
        `cluster ${this.cluster} cannot be reached: ${client.unusable}`,
      );
    }
    const labelSelector = [
      labelSelectorOfKind(kind),
      ...Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`),
    ]
      .filter(Boolean)
      .join(',');
    const items: Array<MlopsSlimObjects[K]> = [];
    let next: string | undefined;
    try {
      do {
        const page = await client.listObjects({
          resource: MLOPS_RESOURCE_KINDS[kind],
          namespace,
          labelSelector: labelSelector || undefined,
          fieldSelector: name ? `metadata.name=${name}` : undefined,
          limit: Math.min(
            settings.pageSize,
            settings.maxObjects - items.length,
          ),
          continue: next,
        });
        for (const raw of page.items) {
          const object = toSlimMlopsObject(kind, raw);
          if (object) {
            items.push(object);
          }
        }
        // Bounded like the cache: at most maxObjects per answer.
        next =
          items.length < settings.maxObjects
            ? page.metadata.continue
            : undefined;
      } while (next);
      if (items.length >= settings.maxObjects) {
        this.options.logger.warn(
          `${kind}${namespace ? ` in namespace ${namespace}` : ''} on cluster ${
            this.cluster
          }: the answer stops at ${
            settings.maxObjects
          } objects (mlops.cache.maxObjectsPerKind)`,
        );
      }
    } catch (error) {
      if (clusterApiStatusOf(error) === 404) {
        this.recheck();
        const kindInfo = MLOPS_RESOURCE_KINDS[kind];
        return {
          items: [],
          freshness: {
            state: 'not-installed',
            reason: `${kindInfo.group}/${kindInfo.version} ${kindInfo.plural} is not served by cluster ${this.cluster}`,
          },
          source: 'api',
        };
      }
      throw error;
    }
    return { items, freshness, source: 'api' };
  }

  private async discoveryLoop(client: MlopsClusterClient): Promise<void> {
    const { cluster, logger, settings } = this.options;
    while (!this.stopped) {
      let wait: number;
      this.lastDiscovery = Date.now();
      try {
        const served = await discoverServedKinds(client);
        if (this.stopped) {
          break;
        }
        if (this.discoveryFailure) {
          logger.info(`cluster ${cluster}: API discovery answers again`);
        }
        this.discoveryFailure = undefined;
        this.backoff.reset();
        this.apply(client, served);
        wait = settings.discoveryIntervalMs;
      } catch (error) {
        if (this.stopped) {
          break;
        }
        const reason = String((error as Error)?.message ?? error);
        if (!this.discoveryFailure) {
          logger.warn(`cluster ${cluster}: API discovery failed: ${reason}`);
        }
        this.discoveryFailure = {
          since: this.discoveryFailure?.since ?? new Date(),
          reason,
        };
        wait = this.backoff.next();
      }
      await new Promise<void>(resolve => {
        const timer = setTimeout(done, wait);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
    }
  }

  private apply(
    client: MlopsClusterClient,
    served: Map<MlopsResourceKindId, { served: boolean; reason?: string }>,
  ) {
    const { cluster, logger, settings, onEvent } = this.options;
    for (const kind of KIND_IDS) {
      const availability = served.get(kind);
      if (availability?.served) {
        this.notInstalled.delete(kind);
        if (!this.informers.has(kind)) {
          const informer = KindInformer.create({
            cluster,
            kind,
            client,
            logger: logger.child({ kind }),
            settings,
            onEvent,
            onNotFound: () => this.recheck(),
            onStale: () => this.recheck(),
          });
          this.informers.set(kind, informer);
          informer.start();
        }
        continue;
      }
      const reason =
        availability?.reason ?? `${kind} is not served by cluster ${cluster}`;
      if (!this.notInstalled.has(kind)) {
        logger.info(`cluster ${cluster}: ${reason}`);
      }
      this.notInstalled.set(kind, reason);
      const informer = this.informers.get(kind);
      if (informer) {
        this.informers.delete(kind);
        void informer.stop();
      }
    }
  }
}
