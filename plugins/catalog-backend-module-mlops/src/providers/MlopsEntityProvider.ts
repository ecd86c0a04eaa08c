import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotImplementedError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type {
  MlopsObjectEvent,
  MlopsEntityResolver,
  MlopsObjectStore,
  MlopsResourceKindId,
} from '@backstage-mlops/plugin-mlops-node';
import {
  MLOPS_ENTITY_TYPE_MODEL,
  MLOPS_ENTITY_TYPE_NOTEBOOK,
} from '@backstage-mlops/plugin-mlops-common';
import {
  buildNamespaceEntities,
  emptyNamespaceObjects,
  type NamespaceObjects,
} from './buildNamespaceEntities';
import { inEmissionOrder } from './emissionOrder';
import type { HandWrittenIndex } from './HandWrittenIndex';
import type { NamespaceMetadataReader } from './NamespaceMetadataReader';
import type { ReadableModelCounter } from './ReadableModelCounter';
import type { LabelledMeta } from './objectDiscovery';
import type { MlopsEntityProviderConfig } from './readMlopsProviderConfig';

/** The kinds whose objects make entities; changes to others are ignored. */
const DISCOVERY_KINDS = [
  'inferenceservices',
  'pipelineruns',
  'notebookvalidationjobs',
  'pipelines',
  'buildconfigs',
  'notebooks',
] as const satisfies readonly MlopsResourceKindId[];
type DiscoveryKind = (typeof DISCOVERY_KINDS)[number];
const IS_DISCOVERY_KIND = new Set<MlopsResourceKindId>(DISCOVERY_KINDS);

/** From this many touched namespaces on, a delta lists all namespaces once instead of reading each. */
const NAMESPACE_LIST_THRESHOLD = 5;
/** A delta this large (e.g. the start-up reconciliation) is logged at info level. */
const LARGE_DELTA = 100;
/** A delta adding this many new notebooks sends them only once its new models are readable. */
const STAGED_NOTEBOOKS = 100;
/** How often, and at most how long, the catalog is asked whether the models are readable. */
const STAGE_POLL_MS = 250;
const STAGE_MAX_WAIT_MS = 30_000;
/** How often the cache is checked for being synced at start (a cheap in-memory check). */
const SYNC_POLL_MS = 50;

/**
 * Options of {@link MlopsEntityProvider.create}.
 *
 * @internal
 */
export interface MlopsEntityProviderOptions {
  cluster: string;
  config: MlopsEntityProviderConfig;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  objectStore: MlopsObjectStore;
  namespaces: NamespaceMetadataReader;
  handWritten: HandWrittenIndex;
  /** Counts readable models, to send a large delta's notebooks after its models. */
  models: ReadableModelCounter;
  /** The owners a namespace allows: discovered entities get one of them. */
  entities?: Pick<MlopsEntityResolver, 'allowedOwners'>;
}

/**
 * Discovers the models, training pipelines and notebooks of one cluster into the
 * catalog. A scheduled full mutation (one replica at a time, under the scheduler's
 * lock) replaces everything from the object store's cache; between runs, the store's
 * watch events are batched for `deltaDelayMs` and each touched namespace is rebuilt and
 * sent as a delta mutation, so a new InferenceService is in the catalog within
 * seconds. Deltas are idempotent, so every replica may send them.
 *
 * @public
 */
export class MlopsEntityProvider implements EntityProvider {
  /** @internal */
  static create(options: MlopsEntityProviderOptions): MlopsEntityProvider {
    if (!options.objectStore.listCached) {
      throw new NotImplementedError(
        'catalog discovery needs an mlops object store with listCached (DefaultMlopsObjectStore)',
      );
    }
    return new MlopsEntityProvider(options);
  }

  private connection?: EntityProviderConnection;
  /** What this replica last sent, per namespace: entity ref → serialized entity. */
  private emitted = new Map<string, Map<string, string>>();
  /** How many of those are models, per namespace. */
  private emittedModels = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  private readonly cleanups: Array<() => void> = [];
  private stopped = false;
  private readonly logger: LoggerService;

  private constructor(private readonly options: MlopsEntityProviderOptions) {
    this.logger = options.logger.child({
      provider: this.getProviderName(),
    });
  }

  /** `mlops-provider:<cluster>`; also the locationKey of its entities. */
  getProviderName(): string {
    return `mlops-provider:${this.options.cluster}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { objectStore, handWritten, taskRunner } = this.options;
    this.cleanups.push(objectStore.subscribe(event => this.onEvent(event)));
    this.cleanups.push(handWritten.onChange(() => this.reconcileAll()));
    await taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
    // Whatever the cache held before this provider listened, as soon as it is synced
    // (no debounce: nothing else is pending then).
    void this.whenSynced().then(() => this.reconcileAll(0));
  }

  /** Stops listening (backend shutdown). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.flushTimer);
    this.cleanups.splice(0).forEach(cleanup => cleanup());
  }

  /** The full mutation: every entity of the cluster from the synced cache. */
  async refresh(): Promise<void> {
    if (!this.isSynced()) {
      this.logger.warn(
        `cluster ${this.options.cluster} is not synced yet; the full discovery waits for the next run (watch events still update the catalog)`,
      );
      return;
    }
    await this.options.handWritten.ready();
    const started = Date.now();
    const namespaceMetas = await this.options.namespaces.all();
    await this.enqueue(async () => {
      const byNamespace = this.cachedByNamespace();
      const emitted = new Map<string, Map<string, string>>();
      const emittedModels = new Map<string, number>();
      const deferred: DeferredEntity[] = [];
      for (const [namespace, objects] of byNamespace) {
        const entities = this.build({
          ...objects,
          namespaceMeta: namespaceMetas.get(namespace),
        });
        emitted.set(namespace, serialize(entities));
        emittedModels.set(namespace, countModels(entities));
        deferred.push(...entities.map(entity => this.deferred(entity)));
      }
      await this.connection!.applyMutation({
        type: 'full',
        entities: inEmissionOrder(deferred),
      });
      this.emitted = emitted;
      this.emittedModels = emittedModels;
      this.logger.info(
        `full discovery of cluster ${this.options.cluster}: ${
          deferred.length
        } entities from ${byNamespace.size} namespaces (${
          Date.now() - started
        } ms)`,
      );
    });
  }

  private onEvent(event: MlopsObjectEvent) {
    if (
      this.stopped ||
      event.cluster !== this.options.cluster ||
      !IS_DISCOVERY_KIND.has(event.kind)
    ) {
      return;
    }
    this.markDirty([event.object.metadata.namespace]);
  }

  private reconcileAll(delayMs?: number) {
    const namespaces = new Set([
      ...this.emitted.keys(),
      ...this.cachedByNamespace().keys(),
    ]);
    this.markDirty(namespaces, delayMs);
  }

  /**
   * Rebuilds these namespaces after `delayMs` (default: the configured delta delay),
   * together with whatever else changes meanwhile.
   */
  private markDirty(
    namespaces: Iterable<string>,
    delayMs = this.options.config.deltaDelayMs,
  ) {
    for (const namespace of namespaces) this.dirty.add(namespace);
    if (this.flushTimer || this.stopped || !this.dirty.size) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const batch = [...this.dirty];
      this.dirty.clear();
      void this.enqueue(() => this.applyDelta(batch)).catch(error =>
        this.logger.warn(
          `discovery update of ${batch.length} namespace(s) of cluster ${this.options.cluster} failed: ${error}`,
        ),
      );
    }, delayMs);
  }

  /** Rebuilds the namespaces and sends what changed. */
  private async applyDelta(namespaces: string[]): Promise<void> {
    // The namespaces' metadata is read while the index of hand-written entities
    // settles (at start, that wait and this list would otherwise add up).
    const namespaceMetasRead = this.namespaceMetasFor(namespaces);
    await this.options.handWritten.ready();
    const added: DeferredEntity[] = [];
    const removed: Array<{ entityRef: string; locationKey: string }> = [];
    const next = new Map<string, Map<string, string>>();
    const nextModels = new Map<string, number>();
    const emittedBefore = new Set(
      namespaces.flatMap(namespace => [
        ...(this.emitted.get(namespace)?.keys() ?? []),
      ]),
    );
    const namespaceMetas = await namespaceMetasRead;
    for (const namespace of namespaces) {
      let entities: Entity[];
      try {
        entities = this.build({
          ...(await this.queryNamespace(namespace)),
          namespaceMeta: namespaceMetas
            ? namespaceMetas.get(namespace)
            : await this.options.namespaces.get(namespace),
        });
      } catch (error) {
        this.logger.warn(
          `namespace ${namespace} of cluster ${this.options.cluster} is left as it was: ${error}`,
        );
        continue;
      }
      const before = this.emitted.get(namespace) ?? new Map<string, string>();
      const after = serialize(entities);
      for (const entity of entities) {
        const ref = stringifyEntityRef(entity);
        if (before.get(ref) !== after.get(ref)) {
          added.push(this.deferred(entity));
        }
      }
      for (const ref of before.keys()) {
        if (!after.has(ref)) {
          removed.push({ entityRef: ref, locationKey: this.getProviderName() });
        }
      }
      next.set(namespace, after);
      nextModels.set(namespace, countModels(entities));
    }
    if (added.length || removed.length) {
      let modelsAfter = 0;
      for (const [namespace, count] of this.emittedModels) {
        if (!nextModels.has(namespace)) modelsAfter += count;
      }
      for (const count of nextModels.values()) modelsAfter += count;
      await this.sendDelta(
        inEmissionOrder(added),
        removed,
        emittedBefore,
        modelsAfter,
      );
      const message = `discovery delta of cluster ${this.options.cluster}: ${added.length} added or changed, ${removed.length} removed`;
      if (added.length + removed.length >= LARGE_DELTA) {
        this.logger.info(message);
      } else {
        this.logger.debug(message);
      }
    }
    for (const [namespace, entities] of next) {
      if (entities.size) this.emitted.set(namespace, entities);
      else this.emitted.delete(namespace);
      this.emittedModels.set(namespace, nextModels.get(namespace) ?? 0);
    }
  }

  /**
   * Sends a delta. One that adds many new notebooks (the start-up reconciliation of a
   * large cluster) goes in two steps: everything but those notebooks, then, once the
   * catalog returns as many discovered models of the cluster as this provider has sent
   * (at most {@link STAGE_MAX_WAIT_MS} later; other deltas wait meanwhile), the
   * notebooks. The catalog processes and stitches everything through one queue, so the
   * models become readable in about half the time; a model's `hasPart` its notebook
   * follows with the notebook.
   */
  private async sendDelta(
    added: DeferredEntity[],
    removed: Array<{ entityRef: string; locationKey: string }>,
    emittedBefore: Set<string>,
    modelsAfter: number,
  ): Promise<void> {
    const notebooks = added.filter(
      d =>
        d.entity.spec?.type === MLOPS_ENTITY_TYPE_NOTEBOOK &&
        !emittedBefore.has(stringifyEntityRef(d.entity)),
    );
    if (
      notebooks.length < STAGED_NOTEBOOKS ||
      !added.some(d => d.entity.spec?.type === MLOPS_ENTITY_TYPE_MODEL)
    ) {
      await this.connection!.applyMutation({ type: 'delta', added, removed });
      return;
    }
    const held = new Set(notebooks);
    await this.connection!.applyMutation({
      type: 'delta',
      added: added.filter(d => !held.has(d)),
      removed,
    });
    const { cluster, models } = this.options;
    this.logger.info(
      `discovery of cluster ${cluster}: sent ${
        added.length - held.size
      } entities; ${
        held.size
      } new notebooks follow once the catalog returns the ${modelsAfter} models`,
    );
    const deadline = Date.now() + STAGE_MAX_WAIT_MS;
    while (!this.stopped && Date.now() < deadline) {
      const readable = await models.count(cluster).catch(() => modelsAfter);
      if (readable >= modelsAfter) break;
      await new Promise(r => setTimeout(r, STAGE_POLL_MS));
    }
    if (this.stopped) return;
    await this.connection!.applyMutation({
      type: 'delta',
      added: notebooks,
      removed: [],
    });
  }

  /**
   * The metadata of many namespaces with one list (the start-up reconciliation touches
   * every namespace; one request per namespace would delay the first entities by as
   * many round trips). Undefined for a few namespaces, or when the list fails: then
   * each namespace is read on its own.
   */
  private async namespaceMetasFor(
    namespaces: string[],
  ): Promise<Map<string, LabelledMeta> | undefined> {
    if (namespaces.length < NAMESPACE_LIST_THRESHOLD) return undefined;
    try {
      return await this.options.namespaces.all();
    } catch (error) {
      this.logger.debug(
        `listing the namespaces of cluster ${this.options.cluster} failed, reading them one by one: ${error}`,
      );
      return undefined;
    }
  }

  private build(objects: NamespaceObjects): Entity[] {
    const { config, handWritten } = this.options;
    return buildNamespaceEntities(objects, {
      mode: config.mode,
      defaults: {
        owner: config.defaultOwner,
        lifecycle: config.defaultLifecycle,
        system: config.defaultSystem,
      },
      handWritten: keys => handWritten.find(keys),
      allowedOwners: meta =>
        this.options.entities?.allowedOwners(
          objects.cluster,
          objects.namespace,
          meta?.annotations,
        ) ?? [],
    });
  }

  private deferred(entity: Entity): DeferredEntity {
    return { entity, locationKey: this.getProviderName() };
  }

  /** One namespace's objects (from the cache once synced, else from the API server). */
  private async queryNamespace(
    namespace: string,
  ): Promise<Omit<NamespaceObjects, 'namespaceMeta'>> {
    const { cluster, objectStore } = this.options;
    const items = async <K extends DiscoveryKind>(kind: K) =>
      (await objectStore.query({ cluster, kind, namespace })).items;
    const [
      inferenceServices,
      pipelineRuns,
      validationJobs,
      pipelines,
      buildConfigs,
      workbenches,
    ] = await Promise.all([
      items('inferenceservices'),
      items('pipelineruns'),
      items('notebookvalidationjobs'),
      items('pipelines'),
      items('buildconfigs'),
      items('notebooks'),
    ]);
    return {
      cluster,
      namespace,
      inferenceServices,
      pipelineRuns,
      validationJobs,
      pipelines,
      buildConfigs,
      workbenches,
    };
  }

  /** Every cached object of the discovery kinds, by namespace. */
  private cachedByNamespace(): Map<
    string,
    Omit<NamespaceObjects, 'namespaceMeta'>
  > {
    const { cluster, objectStore } = this.options;
    const out = new Map<string, Omit<NamespaceObjects, 'namespaceMeta'>>();
    const of = (namespace: string) => {
      let objects = out.get(namespace);
      if (!objects) {
        objects = emptyNamespaceObjects(cluster, namespace);
        out.set(namespace, objects);
      }
      return objects;
    };
    const list = <K extends DiscoveryKind>(kind: K) =>
      objectStore.listCached!({ cluster, kind }).items;
    for (const o of list('inferenceservices'))
      of(o.metadata.namespace).inferenceServices.push(o);
    for (const o of list('pipelineruns'))
      of(o.metadata.namespace).pipelineRuns.push(o);
    for (const o of list('notebookvalidationjobs'))
      of(o.metadata.namespace).validationJobs.push(o);
    for (const o of list('pipelines'))
      of(o.metadata.namespace).pipelines.push(o);
    for (const o of list('buildconfigs'))
      of(o.metadata.namespace).buildConfigs.push(o);
    for (const o of list('notebooks'))
      of(o.metadata.namespace).workbenches.push(o);
    return out;
  }

  private isSynced(): boolean {
    const { cluster, objectStore } = this.options;
    return DISCOVERY_KINDS.every(
      kind => objectStore.listCached!({ cluster, kind }).synced,
    );
  }

  private async whenSynced(): Promise<void> {
    while (!this.stopped && !this.isSynced()) {
      await new Promise(r => setTimeout(r, SYNC_POLL_MS));
    }
  }

  /** Runs mutations one after another, so a delta never overtakes a full mutation. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function countModels(entities: Entity[]): number {
  return entities.filter(e => e.spec?.type === MLOPS_ENTITY_TYPE_MODEL).length;
}

function serialize(entities: Entity[]): Map<string, string> {
  return new Map(
    entities.map(entity => [
      stringifyEntityRef(entity),
      JSON.stringify(entity),
    ]),
  );
}
