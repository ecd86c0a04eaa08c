import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMlModelEntity,
  isMlPipelineEntity,
  isNotebookEntity,
  MLOPS_DISCOVERY_LOCATION_PREFIX,
  MLOPS_ENTITY_TYPE_MODEL,
  MLOPS_ENTITY_TYPE_NOTEBOOK,
  MLOPS_ENTITY_TYPE_PIPELINE,
} from '@backstage-mlops/plugin-mlops-common';
import { anyClusterKey, handWrittenKeys } from './handWrittenKeys';

/** How often the catalog is read while it settles at start. */
const SETTLE_READ_EVERY_MS = 250;
/** The longest the first discovery waits for the catalog to settle. */
const SETTLE_MAX_MS = 30_000;
/**
 * How long the catalog must have processed nothing but discovered entities on this
 * replica before what it processed counts as complete. The catalog picks up what a
 * processed location emitted as soon as that location is done, so a pause this long
 * means the chain has ended.
 */
const PROCESSING_IDLE_MS = 500;
/** How long a processed entity that never became readable stays in the index. */
const PROCESSED_TTL_MS = 5 * 60_000;

/**
 * Options of {@link HandWrittenIndex.create}.
 *
 * @internal
 */
export interface HandWrittenIndexOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** How often the catalog is read again. */
  intervalMs: number;
  /**
   * How long the catalog must stay unchanged at start before the index counts as
   * settled: longer than the catalog takes from one step of ingesting a location to
   * the next (see {@link catalogSettleQuietMs}).
   */
  settleQuietMs: number;
}

/**
 * The models, pipelines and notebooks of the catalog that discovery did not make
 * (hand-written `catalog-info.yaml`, templates, other providers), by the cluster
 * coordinates they describe. Discovery skips whatever one of them describes and points
 * relations at it instead. Read from the catalog when first needed and every
 * `intervalMs`, and told by `HandWrittenProcessingObserver` about each entity the
 * catalog processes on this replica (before it is readable); listeners hear when it
 * changed.
 *
 * @internal
 */
export class HandWrittenIndex {
  static create(options: HandWrittenIndexOptions): HandWrittenIndex {
    return new HandWrittenIndex(options);
  }

  /** What the catalog returns. */
  private keys = new Map<string, string>();
  /** What the catalog processed here and did not return (yet). */
  private readonly processed = new Map<string, { ref: string; at: number }>();
  private signature = '';
  private started = false;
  private isReady = false;
  private lastProcessingAt?: number;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly options: HandWrittenIndexOptions) {
    this.readyPromise = new Promise(resolve => {
      this.resolveReady = resolve;
    });
  }

  /** The ref of a hand-written entity with one of these keys (or their any-cluster form). */
  find(keys: string[]): string | undefined {
    for (const key of keys) {
      const any = anyClusterKey(key);
      const ref =
        this.keys.get(key) ??
        this.keys.get(any) ??
        this.processed.get(key)?.ref ??
        this.processed.get(any)?.ref;
      if (ref) return ref;
    }
    return undefined;
  }

  /**
   * Resolves once the index is complete at start: the catalog has answered, and either
   * it has processed its hand-written entities here and gone idle, or it has shown no
   * change for `settleQuietMs`. Then keeps reading.
   */
  ready(): Promise<void> {
    if (!this.started) {
      this.started = true;
      void this.firstLoad();
    }
    return this.readyPromise;
  }

  /**
   * The catalog starts processing an entity on this replica: unless discovery made it,
   * the catalog is still ingesting.
   */
  noteProcessingStarted(entity: Entity): void {
    if (this.stopped || isDiscovered(entity)) return;
    this.lastProcessingAt = Date.now();
  }

  /**
   * The catalog has processed an entity on this replica (it passed every processor): a
   * hand-written model, pipeline or notebook is known from now on, before the catalog
   * has made it readable. One that fails earlier is not taken, as the catalog will not
   * return it either.
   */
  noteProcessed(entity: Entity): void {
    if (this.stopped || isDiscovered(entity)) return;
    this.lastProcessingAt = Date.now();
    if (!isHandWrittenKind(entity)) return;
    const ref = stringifyEntityRef(entity);
    let added = false;
    for (const key of handWrittenKeys(entity)) {
      if (this.keys.get(key) === ref || this.processed.get(key)?.ref === ref) {
        continue;
      }
      this.processed.set(key, { ref, at: Date.now() });
      added = true;
    }
    if (added && this.isReady) this.notify();
  }

  /** Calls listener whenever the hand-written entities change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async firstLoad(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.load();
        const started = Date.now();
        const why = await this.settle();
        this.markReady();
        this.options.logger.info(
          `hand-written ML entities indexed ${
            Date.now() - started
          } ms after the first read (${why}): ${this.entityCount()} entities`,
        );
        this.poll();
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 30 === 0) {
          this.options.logger.info(
            `waiting for the catalog to list hand-written ML entities: ${error}`,
          );
        }
        await new Promise(r => setTimeout(r, 1000));
      }
    }
  }

  /**
   * At start the catalog may still be ingesting its locations: read it every
   * {@link SETTLE_READ_EVERY_MS} until neither the hand-written ML entities nor the
   * number of entities has changed for `settleQuietMs` (at most
   * {@link SETTLE_MAX_MS}), so discovery does not briefly add what a hand-written
   * entity is about to describe. Counting every entity also sees the steps of an
   * ingestion that add no ML entity yet (a location, then the file it points to).
   *
   * Ready sooner when the catalog has processed entities here and then nothing but
   * discovered ones for {@link PROCESSING_IDLE_MS}: what it processed is in the index
   * already. What it processes later (a slow location) is told to listeners as it is
   * processed; what another replica processed, at the next read (`intervalMs`). The
   * reads stop there: once discovery has started, the catalog's count keeps changing
   * with the discovered entities, and every read returns them too.
   *
   * @returns why it ended, for the log
   */
  private async settle(): Promise<string> {
    const { settleQuietMs } = this.options;
    const started = Date.now();
    let total = await this.countEntities();
    let lastChange = Date.now();
    while (!this.stopped && Date.now() - started < SETTLE_MAX_MS) {
      await new Promise(r => setTimeout(r, SETTLE_READ_EVERY_MS));
      const [changed, nextTotal] = await Promise.all([
        this.load(),
        this.countEntities(),
      ]);
      if (changed || nextTotal !== total) lastChange = Date.now();
      total = nextTotal;
      if (Date.now() - lastChange >= settleQuietMs)
        return 'the catalog was quiet';
      if (
        this.lastProcessingAt !== undefined &&
        Date.now() - this.lastProcessingAt >= PROCESSING_IDLE_MS
      ) {
        return "the catalog's processing here went idle";
      }
    }
    return `the catalog still changed after ${SETTLE_MAX_MS / 1000} s`;
  }

  /** How many hand-written entities the index holds. */
  private entityCount(): number {
    const refs = new Set(this.keys.values());
    for (const { ref } of this.processed.values()) refs.add(ref);
    return refs.size;
  }

  private markReady() {
    if (this.isReady) return;
    this.isReady = true;
    this.resolveReady();
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }

  private async countEntities(): Promise<number> {
    const { catalog, auth } = this.options;
    const { totalItems } = await catalog.queryEntities(
      { fields: ['metadata.uid'], limit: 1 },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return totalItems;
  }

  private poll() {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      try {
        if (await this.load()) this.notify();
      } catch (error) {
        this.options.logger.warn(
          `could not read the hand-written ML entities of the catalog: ${error}`,
        );
      }
      this.poll();
    }, this.options.intervalMs);
    this.timer.unref?.();
  }

  /** Reads the catalog; true when the index changed. */
  private async load(): Promise<boolean> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: [
          { kind: 'component', 'spec.type': MLOPS_ENTITY_TYPE_MODEL },
          { kind: 'component', 'spec.type': MLOPS_ENTITY_TYPE_NOTEBOOK },
          { kind: 'resource', 'spec.type': MLOPS_ENTITY_TYPE_PIPELINE },
        ],
        fields: ['kind', 'metadata', 'spec.type'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const keys = new Map<string, string>();
    for (const entity of items) {
      if (isDiscovered(entity)) continue;
      const ref = stringifyEntityRef(entity);
      for (const key of handWrittenKeys(entity)) {
        if (!keys.has(key)) keys.set(key, ref);
      }
    }
    // What was processed here is readable now, or has not become so for a long time.
    const now = Date.now();
    for (const [key, { ref, at }] of this.processed) {
      if (keys.get(key) === ref || now - at > PROCESSED_TTL_MS) {
        this.processed.delete(key);
      }
    }
    const signature = JSON.stringify([...keys].sort());
    const changed = signature !== this.signature;
    this.keys = keys;
    this.signature = signature;
    return changed;
  }
}

function isHandWrittenKind(entity: Entity): boolean {
  return (
    isMlModelEntity(entity) ||
    isNotebookEntity(entity) ||
    isMlPipelineEntity(entity)
  );
}

function isDiscovered(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
      MLOPS_DISCOVERY_LOCATION_PREFIX,
    ) ?? false
  );
}
