import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
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
 * `intervalMs`; listeners hear when it changed.
 *
 * @internal
 */
export class HandWrittenIndex {
  static create(options: HandWrittenIndexOptions): HandWrittenIndex {
    return new HandWrittenIndex(options);
  }

  private keys = new Map<string, string>();
  private signature = '';
  private loaded?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly options: HandWrittenIndexOptions) {}

  /** The ref of a hand-written entity with one of these keys (or their any-cluster form). */
  find(keys: string[]): string | undefined {
    for (const key of keys) {
      const ref = this.keys.get(key) ?? this.keys.get(anyClusterKey(key));
      if (ref) return ref;
    }
    return undefined;
  }

  /** Resolves once the catalog has answered once (retrying every second until then), then keeps polling. */
  ready(): Promise<void> {
    this.loaded ??= this.firstLoad();
    return this.loaded;
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
        await this.settle();
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
   */
  private async settle(): Promise<void> {
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
      if (Date.now() - lastChange >= settleQuietMs) return;
    }
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
        if (await this.load()) {
          for (const listener of this.listeners) listener();
        }
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
    const signature = JSON.stringify([...keys].sort());
    const changed = signature !== this.signature;
    this.keys = keys;
    this.signature = signature;
    return changed;
  }
}

function isDiscovered(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
      MLOPS_DISCOVERY_LOCATION_PREFIX,
    ) ?? false
  );
}
