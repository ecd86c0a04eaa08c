import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMlopsAvailable,
  MLOPS_ENTITY_TYPE_MODEL,
  MLOPS_ENTITY_TYPE_PIPELINE,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsObjectStore,
  MlopsResourceKindId,
  MlopsSlimObjects,
} from '@backstage-mlops/plugin-mlops-node';
import type { ModelAccess, ModelTarget } from '../services/ModelAccess';
import {
  eventBelongsTo,
  involvedPodOf,
  objectBelongsTo,
  pipelineRunOf,
} from './belongsToEntity';

/** After a failed catalog read, the next one waits this long. */
export const CATALOG_RETRY_MS = 5_000;

/**
 * Options of {@link CatalogModelIndex.create}.
 *
 * @internal
 */
export interface CatalogModelIndexOptions {
  catalog: CatalogService;
  auth: AuthService;
  /** Places each entity for reading, as the routes do. */
  access: ModelAccess;
  /** The watch cache, where a TaskRun's PipelineRun is looked up. */
  store: MlopsObjectStore;
  logger: LoggerService;
  /** How often the catalog is read again, and the age after which a lookup reads it again. */
  refreshMs: number;
  /** The clock of the index's age (tests). */
  now?: () => number;
}

interface Snapshot {
  /** When the read that produced it started. */
  loadedAt: number;
  byNamespace: Map<string, ModelTarget[]>;
}

function namespaceKey(cluster: string, namespace: string): string {
  return `${cluster}\u0000${namespace}`;
}

/**
 * The other direction of `belongsToEntity`: which catalog entities a cluster object
 * belongs to, for backend work that starts from a cluster change rather than from a
 * request naming an entity. Live updates (signals) and notifications both use this one
 * index.
 *
 * It holds the catalog's `ml-model` Components and `ml-pipeline` Resources, read with
 * the plugin's own service credentials and each placed for reading exactly as a route
 * places it (`ModelAccess.target(entity, 'read')`): an entity that does not resolve
 * (bad annotations, a cluster that is not configured, a namespace that refuses its
 * owner reads) is left out, as its tabs would refuse it. Users that want models only
 * (notifications) filter what it answers.
 *
 * Refresh policy, one period `refreshMs` (`mlops.notifications.modelsRefreshSeconds`,
 * default 60 s) for both users:
 * - once {@link CatalogModelIndex.start | started}, the catalog is read again every
 *   period, so an owner or an opt-out changed in the catalog is known within a period
 *   when a transition is notified, even after a quiet hour in which no lookup came
 *   (a refresh only on lookup would answer that first change from hour-old entities);
 * - a lookup that finds the index older than a period (the timer held up by a slow
 *   read, or not started yet) answers at once from it and reads the catalog again, so
 *   a signal never waits for the catalog once the first read is done;
 * - at most one read at a time; after a failed read the index is kept and the next
 *   read waits {@link CATALOG_RETRY_MS}, whoever asks for it.
 * A newly registered entity is thus followed within a period of the catalog holding it.
 *
 * @internal
 */
export class CatalogModelIndex {
  static create(options: CatalogModelIndexOptions): CatalogModelIndex {
    return new CatalogModelIndex(options, options.now ?? Date.now);
  }

  private snapshot?: Snapshot;
  private loading?: Promise<void>;
  private failedAt?: number;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  private readonly firstRead: Promise<void>;
  private markRead: () => void = () => {};

  private constructor(
    private readonly options: CatalogModelIndexOptions,
    private readonly now: () => number,
  ) {
    this.firstRead = new Promise(resolve => {
      this.markRead = resolve;
    });
  }

  /** Resolves once the catalog has been read successfully (kept trying until then). */
  ready(): Promise<void> {
    return this.firstRead;
  }

  /** Reads the catalog now and every `refreshMs` from now on, until {@link CatalogModelIndex.stop}. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.schedule(0);
  }

  /** Stops the periodic reads (at shutdown). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Reads the catalog now: at most one read at a time, none within
   * {@link CATALOG_RETRY_MS} of a failed one. Never rejects: a failure is logged and
   * the previous index kept.
   */
  refresh(): Promise<void> {
    if (this.loading) {
      return this.loading;
    }
    if (
      this.failedAt !== undefined &&
      this.now() - this.failedAt < CATALOG_RETRY_MS
    ) {
      return Promise.resolve();
    }
    this.loading = this.load()
      .then(
        snapshot => {
          this.snapshot = snapshot;
          this.failedAt = undefined;
          this.markRead();
        },
        error => {
          this.failedAt = this.now();
          this.options.logger.warn(
            `cannot read the ml-model and ml-pipeline entities of the catalog; their cluster changes are not signalled or notified until it can be read: ${stringifyError(
              error,
            )}`,
          );
        },
      )
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /**
   * The entities whose objects are in a namespace of a cluster. Waits for the first
   * read; later, an index older than a period answers at once while it is read again.
   */
  async inNamespace(
    cluster: string,
    namespace: string,
  ): Promise<ModelTarget[]> {
    if (!this.snapshot) {
      await this.refresh();
    } else if (this.now() - this.snapshot.loadedAt > this.options.refreshMs) {
      void this.refresh();
    }
    return (
      this.snapshot?.byNamespace.get(namespaceKey(cluster, namespace)) ?? []
    );
  }

  /**
   * The one rule from a cluster object to its entities, by the rules of
   * `belongsToEntity.ts`: a PipelineRun's are the models it trains and the
   * `ml-pipeline` it runs; a TaskRun's those of its PipelineRun; a
   * NotebookValidationJob's, Build's, InferenceService's, workbench Notebook's and
   * serving Pod's the model; an Event's the model of the InferenceService it is about,
   * directly or through one of its pods. The PipelineRun and the Pod are read from the
   * watch cache (none when not cached). Other kinds: none.
   */
  async targetsOf<K extends MlopsResourceKindId>(
    cluster: string,
    kind: K,
    object: MlopsSlimObjects[K],
  ): Promise<ModelTarget[]> {
    const namespace = object.metadata.namespace;
    if (!namespace) return [];
    const targets = await this.inNamespace(cluster, namespace);
    if (targets.length === 0) return [];
    const { store } = this.options;
    if (kind === 'taskruns') {
      const taskRun = object as MlopsSlimObjects['taskruns'];
      const run = await pipelineRunOf(store, cluster, taskRun);
      return run
        ? targets.filter(target => objectBelongsTo(target, 'pipelineruns', run))
        : [];
    }
    if (kind === 'events') {
      const event = object as MlopsSlimObjects['events'];
      const pod = await involvedPodOf(store, cluster, event);
      return targets.filter(target => eventBelongsTo(target, event, pod));
    }
    return targets.filter(target => objectBelongsTo(target, kind, object));
  }

  private schedule(delayMs: number) {
    this.timer = setTimeout(async () => {
      await this.refresh();
      if (!this.stopped) {
        this.schedule(
          this.failedAt === undefined
            ? this.options.refreshMs
            : CATALOG_RETRY_MS,
        );
      }
    }, delayMs);
    this.timer.unref?.();
  }

  private async load(): Promise<Snapshot> {
    const { catalog, auth, access, logger } = this.options;
    const loadedAt = this.now();
    const { items } = await catalog.getEntities(
      {
        filter: [
          { kind: 'component', 'spec.type': MLOPS_ENTITY_TYPE_MODEL },
          { kind: 'resource', 'spec.type': MLOPS_ENTITY_TYPE_PIPELINE },
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const byNamespace = new Map<string, ModelTarget[]>();
    for (const entity of items.filter(isMlopsAvailable)) {
      let target: ModelTarget;
      try {
        target = await access.target(entity, 'read');
      } catch (error) {
        logger.debug(
          `${stringifyEntityRef(entity)} is left out: ${stringifyError(error)}`,
        );
        continue;
      }
      const key = namespaceKey(
        target.cluster.name,
        target.coordinates.namespace,
      );
      byNamespace.set(key, [...(byNamespace.get(key) ?? []), target]);
    }
    return { loadedAt, byNamespace };
  }
}
