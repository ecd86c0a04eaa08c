import type {
  LoggerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
  EntityProviderRefreshOptions,
} from '@backstage/plugin-catalog-node';
import type { MlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';

/** After the located clusters could not be read (e.g. while the catalog starts), ask again this soon. */
const FAILED_CHECK_RETRY_MS = 5_000;

/**
 * The discovery of one cluster, as {@link MlopsClustersEntityProvider} runs it: an
 * entity provider of its own (`MlopsEntityProvider`), connected to a connection the
 * parent gives it, and stopped when its cluster is no longer located.
 *
 * @internal
 */
export interface ClusterDiscovery extends EntityProvider {
  stop(): void;
}

/**
 * Options of {@link MlopsClustersEntityProvider.create}.
 *
 * @internal
 */
export interface MlopsClustersEntityProviderOptions {
  clusters: Pick<MlopsClusterRegistry, 'listClusters'>;
  /** `catalog.providers.mlops.clusters`: only these (undefined: every located cluster). */
  only?: string[];
  /**
   * Makes the discovery of one cluster; its full refresh is what it hands its
   * `taskRunner` (run by this provider's one scheduled task, cluster by cluster).
   */
  discoveryFor(
    cluster: string,
    taskRunner: SchedulerServiceTaskRunner,
  ): ClusterDiscovery;
  /** Runs the full refresh of every discovered cluster (`mlops-provider:refresh`). */
  taskRunner: SchedulerServiceTaskRunner;
  logger: LoggerService;
  /** How often the located clusters are compared with the discovered ones (default 30 s). */
  clusterCheckIntervalMs?: number;
}

/**
 * The one entity provider of discovery (`mlops-provider`): the clusters the
 * Kubernetes plugin locates come and go while the catalog runs (a `catalog` locator's
 * Resource entities), so the provider is registered once and runs the discovery of
 * each located cluster inside it. A cluster's full mutation replaces that cluster's
 * entities only (the others are sent again as they stand); its deltas pass through; a
 * cluster that is no longer located has its entities removed.
 *
 * @internal
 */
export class MlopsClustersEntityProvider implements EntityProvider {
  static create(
    options: MlopsClustersEntityProviderOptions,
  ): MlopsClustersEntityProvider {
    return new MlopsClustersEntityProvider(options);
  }

  private connection?: EntityProviderConnection;
  private readonly discoveries = new Map<string, ClusterDiscovery>();
  /** The full refresh of each discovered cluster. */
  private readonly refreshes = new Map<
    string,
    SchedulerServiceTaskInvocationDefinition['fn']
  >();
  /** What each cluster's discovery has in the catalog: entity ref → deferred entity. */
  private readonly current = new Map<string, Map<string, DeferredEntity>>();
  private queue: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  private constructor(
    private readonly options: MlopsClustersEntityProviderOptions,
  ) {}

  getProviderName(): string {
    return 'mlops-provider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async abortSignal => {
        for (const [cluster, refresh] of [...this.refreshes]) {
          if (abortSignal.aborted) return;
          try {
            await refresh(abortSignal);
          } catch (error) {
            this.options.logger.warn(
              `full discovery of cluster ${cluster} failed: ${error}`,
            );
          }
        }
      },
    });
    // Not awaited: the catalog locator of the Kubernetes plugin asks the catalog, which
    // is starting now.
    void this.followClusters();
  }

  /** The clusters discovered now. */
  get discoveredClusters(): string[] {
    return [...this.discoveries.keys()];
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const discovery of this.discoveries.values()) discovery.stop();
  }

  /** Starts and stops the discoveries as clusters are located or dropped; then again periodically. */
  private async followClusters(): Promise<void> {
    let retryMs = this.options.clusterCheckIntervalMs ?? 30_000;
    try {
      const located = (await this.options.clusters.listClusters())
        .filter(c => !c.unusable)
        .map(c => c.name);
      const wanted = this.options.only
        ? located.filter(name => this.options.only!.includes(name))
        : located;
      for (const missing of (this.options.only ?? []).filter(
        name => !located.includes(name),
      )) {
        this.options.logger.warn(
          `catalog.providers.mlops.clusters names ${missing}, which the Kubernetes plugin does not locate (or cannot be used): it is not discovered`,
        );
      }
      for (const cluster of wanted) {
        if (!this.discoveries.has(cluster)) await this.startCluster(cluster);
      }
      for (const cluster of [...this.discoveries.keys()]) {
        if (!wanted.includes(cluster)) this.dropCluster(cluster);
      }
    } catch (error) {
      this.options.logger.warn(
        `discovery could not read the located clusters (it tries again in ${FAILED_CHECK_RETRY_MS} ms): ${error}`,
      );
      retryMs = Math.min(retryMs, FAILED_CHECK_RETRY_MS);
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.followClusters(), retryMs);
      this.timer.unref?.();
    }
  }

  private async startCluster(cluster: string) {
    const discovery = this.options.discoveryFor(cluster, {
      run: async task => {
        this.refreshes.set(cluster, task.fn);
      },
    });
    this.discoveries.set(cluster, discovery);
    this.current.set(cluster, new Map());
    this.options.logger.info(`discovering cluster ${cluster}`);
    await discovery.connect({
      applyMutation: mutation => this.apply(cluster, mutation),
      refresh: (options: EntityProviderRefreshOptions) =>
        this.connection!.refresh(options),
    });
  }

  private dropCluster(cluster: string) {
    this.discoveries.get(cluster)?.stop();
    this.discoveries.delete(cluster);
    this.refreshes.delete(cluster);
    const gone = this.current.get(cluster);
    this.current.delete(cluster);
    this.options.logger.info(
      `cluster ${cluster} is no longer located: its ${
        gone?.size ?? 0
      } discovered entities are removed`,
    );
    if (gone?.size) {
      void this.enqueue(() =>
        this.connection!.applyMutation({
          type: 'delta',
          added: [],
          removed: [...gone.values()].map(d => ({
            entityRef: stringifyEntityRef(d.entity),
            locationKey: d.locationKey,
          })),
        }),
      );
    }
  }

  /** A cluster's mutation, as the whole provider's: a full one keeps the other clusters' entities. */
  private apply(
    cluster: string,
    mutation: EntityProviderMutation,
  ): Promise<void> {
    return this.enqueue(async () => {
      const mine = this.current.get(cluster);
      if (!mine) return; // dropped meanwhile
      if (mutation.type === 'full') {
        mine.clear();
        for (const d of mutation.entities) {
          mine.set(stringifyEntityRef(d.entity), d);
        }
        await this.connection!.applyMutation({
          type: 'full',
          entities: [...this.current.values()].flatMap(m => [...m.values()]),
        });
        return;
      }
      for (const d of mutation.added) {
        mine.set(stringifyEntityRef(d.entity), d);
      }
      for (const r of mutation.removed) {
        mine.delete(
          'entityRef' in r ? r.entityRef : stringifyEntityRef(r.entity),
        );
      }
      await this.connection!.applyMutation(mutation);
    });
  }

  /** Mutations one after another, so a delta never overtakes a full mutation. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
