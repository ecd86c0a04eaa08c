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
  buildNamespaceEntities,
  emptyNamespaceObjects,
  type NamespaceObjects,
} from './buildNamespaceEntities';
import type { HandWrittenIndex } from './HandWrittenIndex';
import type { NamespaceMetadataReader } from './NamespaceMetadataReader';
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
/** How often the cache is checked for being synced at start (a cheap in-memory check). */
const SYNC_POLL_MS = 50;
/** How long to wait before reading the catalog again when it could not be read at start. */
const CATALOG_RETRY_MS = 5_000;

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
  /**
   * How long after {@link MlopsEntityProvider.connect} discovery starts (the schedule's
   * initial delay): until then it sends nothing, so the hand-written entities of the
   * catalog's own locations are there to give way to.
   */
  startDelayMs: number;
  /** The owners a namespace allows: discovered entities get one of them. */
  entities?: Pick<MlopsEntityResolver, 'allowedOwners'>;
}

/**
 * Discovers the models, training pipelines and notebooks of one cluster into the
 * catalog. A scheduled full mutation (one replica at a time, under the scheduler's
 * lock) replaces everything from the object store's cache; between runs, the store's
 * watch events are batched for `deltaDelayMs` and each touched namespace is rebuilt and
 * sent as a delta mutation, so a new InferenceService is in the catalog within
 * seconds. Deltas are idempotent, so every replica may send them. Nothing is sent
 * before the schedule's initial delay has passed and the catalog's hand-written
 * entities have been read once.
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
  private readonly dirty = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  private readonly cleanups: Array<() => void> = [];
  private stopped = false;
  /** Whether discovery has started here (deltas are sent from then on). */
  private started = false;
  private startTimer?: NodeJS.Timeout;
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
    this.cleanups.push(
      handWritten.onChange(() => {
        if (this.started) this.reconcileAll();
      }),
    );
    await taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
    this.startTimer = setTimeout(
      () => void this.start(),
      this.options.startDelayMs,
    );
  }

  /** Stops listening (backend shutdown). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.startTimer);
    this.cleanups.splice(0).forEach(cleanup => cleanup());
  }

  /**
   * Starts discovery on this replica: once the cache is synced and the catalog's
   * hand-written entities have been read, everything the cache holds is sent (no
   * debounce: nothing else is pending then), and watch events are sent from then on.
   */
  private async start(): Promise<void> {
    await this.whenSynced();
    while (!this.stopped && !this.options.handWritten.hasRead()) {
      try {
        await this.options.handWritten.read();
      } catch (error) {
        this.logger.warn(
          `discovery of cluster ${this.options.cluster} waits for the catalog to list its hand-written ML entities: ${error}`,
        );
        await new Promise(r => setTimeout(r, CATALOG_RETRY_MS));
      }
    }
    if (this.stopped) return;
    this.markStarted();
    this.reconcileAll(0);
  }

  private markStarted() {
    this.started = true;
    this.options.handWritten.start();
  }

  /** The full mutation: every entity of the cluster from the synced cache. */
  async refresh(): Promise<void> {
    if (!this.isSynced()) {
      this.logger.warn(
        `cluster ${this.options.cluster} is not synced yet; the full discovery waits for the next run (watch events still update the catalog)`,
      );
      return;
    }
    const { handWritten } = this.options;
    try {
      await handWritten.read();
    } catch (error) {
      if (!handWritten.hasRead()) {
        this.logger.warn(
          `the full discovery of cluster ${this.options.cluster} waits for the next run: the catalog's hand-written ML entities could not be read: ${error}`,
        );
        return;
      }
      this.logger.warn(
        `the full discovery of cluster ${this.options.cluster} uses the hand-written ML entities read before: ${error}`,
      );
    }
    const startedAt = Date.now();
    const namespaceMetas = await this.options.namespaces.all();
    await this.enqueue(async () => {
      const cpuBefore = process.cpuUsage();
      const byNamespace = this.cachedByNamespace();
      const emitted = new Map<string, Map<string, string>>();
      const deferred: DeferredEntity[] = [];
      for (const [namespace, objects] of byNamespace) {
        const entities = this.build({
          ...objects,
          namespaceMeta: namespaceMetas.get(namespace),
        });
        emitted.set(namespace, serialize(entities));
        deferred.push(...entities.map(entity => this.deferred(entity)));
      }
      const cpuMs = cpuMsSince(cpuBefore);
      await this.connection!.applyMutation({
        type: 'full',
        entities: deferred,
      });
      this.emitted = emitted;
      if (!this.started) this.markStarted();
      this.logger.info(
        `full discovery of cluster ${this.options.cluster}: ${
          deferred.length
        } entities from ${byNamespace.size} namespaces (${
          Date.now() - startedAt
        } ms; ${cpuMs.toFixed(1)} ms of this provider's CPU)`,
      );
    });
  }

  private onEvent(event: MlopsObjectEvent) {
    if (
      this.stopped ||
      !this.started ||
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
    const added: DeferredEntity[] = [];
    const removed: Array<{ entityRef: string; locationKey: string }> = [];
    const next = new Map<string, Map<string, string>>();
    const namespaceMetas = await this.namespaceMetasFor(namespaces);
    const inputs: NamespaceObjects[] = [];
    for (const namespace of namespaces) {
      try {
        inputs.push({
          ...(await this.queryNamespace(namespace)),
          namespaceMeta: namespaceMetas
            ? namespaceMetas.get(namespace)
            : await this.options.namespaces.get(namespace),
        });
      } catch (error) {
        this.logger.warn(
          `namespace ${namespace} of cluster ${this.options.cluster} is left as it was: ${error}`,
        );
      }
    }
    // What follows runs without waiting, so the CPU it takes is this provider's own.
    const cpuBefore = process.cpuUsage();
    for (const objects of inputs) {
      const { namespace } = objects;
      let entities: Entity[];
      try {
        entities = this.build(objects);
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
    }
    const cpuMs = cpuMsSince(cpuBefore);
    if (added.length || removed.length) {
      await this.connection!.applyMutation({ type: 'delta', added, removed });
      const message = `discovery delta of cluster ${this.options.cluster}: ${
        added.length
      } added or changed, ${removed.length} removed (${cpuMs.toFixed(
        1,
      )} ms of this provider's CPU for ${inputs.length} namespaces)`;
      if (added.length + removed.length >= LARGE_DELTA) {
        this.logger.info(message);
      } else {
        this.logger.debug(message);
      }
    }
    for (const [namespace, entities] of next) {
      if (entities.size) this.emitted.set(namespace, entities);
      else this.emitted.delete(namespace);
    }
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

/** CPU milliseconds (user and system) the process used since `before`. */
function cpuMsSince(before: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

function serialize(entities: Entity[]): Map<string, string> {
  return new Map(
    entities.map(entity => [
      stringifyEntityRef(entity),
      JSON.stringify(entity),
    ]),
  );
}
