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

/**
 * Options of {@link HandWrittenIndex.create}.
 *
 * @internal
 */
export interface HandWrittenIndexOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** How often the catalog is read again once {@link HandWrittenIndex.start} ran. */
  intervalMs: number;
}

/**
 * The models, pipelines and notebooks of the catalog that discovery did not make
 * (hand-written `catalog-info.yaml`, templates, other providers), by the cluster
 * coordinates they describe. Discovery skips whatever one of them describes and points
 * relations at it instead. It knows what the catalog returned at its last read: read
 * on demand ({@link HandWrittenIndex.read}, before every full discovery) and every
 * `intervalMs` once started; listeners hear when a periodic read found a change.
 *
 * @internal
 */
export class HandWrittenIndex {
  static create(options: HandWrittenIndexOptions): HandWrittenIndex {
    return new HandWrittenIndex(options);
  }

  private keys = new Map<string, string>();
  private signature?: string;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly options: HandWrittenIndexOptions) {}

  /** Whether the catalog has been read once. */
  hasRead(): boolean {
    return this.signature !== undefined;
  }

  /** The ref of a hand-written entity with one of these keys (or their any-cluster form). */
  find(keys: string[]): string | undefined {
    for (const key of keys) {
      const ref = this.keys.get(key) ?? this.keys.get(anyClusterKey(key));
      if (ref) return ref;
    }
    return undefined;
  }

  /** Reads the catalog now; true when what it describes changed. Throws when it cannot. */
  async read(): Promise<boolean> {
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
    const changed =
      this.signature !== undefined && signature !== this.signature;
    this.keys = keys;
    this.signature = signature;
    return changed;
  }

  /** Reads the catalog every `intervalMs` from now on, telling listeners of changes. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.schedule();
  }

  /** Calls listener whenever a periodic read finds a change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule() {
    this.timer = setTimeout(async () => {
      try {
        if (await this.read()) {
          for (const listener of this.listeners) listener();
        }
      } catch (error) {
        this.options.logger.warn(
          `could not read the hand-written ML entities of the catalog: ${error}`,
        );
      }
      if (!this.stopped) this.schedule();
    }, this.options.intervalMs);
    this.timer.unref?.();
  }
}

function isDiscovered(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
      MLOPS_DISCOVERY_LOCATION_PREFIX,
    ) ?? false
  );
}
