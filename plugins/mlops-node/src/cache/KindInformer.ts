import type { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';
import { clusterApiStatusOf } from '../client/MlopsClusterApiError';
import type { MlopsClusterClient, MlopsWatchEvent } from '../client/types';
import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import {
  MLOPS_RESOURCE_KINDS,
  labelSelectorOfKind,
  type MlopsResourceKindId,
  type MlopsSlimObjects,
} from '../kinds/resourceKinds';
import { ExponentialBackoff } from './ExponentialBackoff';
import { ObjectIndex } from './ObjectIndex';
import type { MlopsKindFreshness, MlopsObjectEvent } from './types';

type Slim = MlopsSlimObjects[MlopsResourceKindId];

/**
 * Timing and size settings of a {@link KindInformer}.
 *
 * @internal
 */
export interface KindInformerSettings {
  /** Beyond this many objects the kind stops being cached. */
  maxObjects: number;
  /** LIST page size. */
  pageSize: number;
  /** The server ends each watch after this many seconds (randomly up to 1.5×). */
  watchTimeoutSeconds: number;
  /** A watch that receives nothing for this long is a hung connection. */
  watchIdleTimeoutMs: number;
  backoff: { initialMs: number; maxMs: number };
}

/**
 * Options of {@link KindInformer.create}.
 *
 * @internal
 */
export interface KindInformerOptions {
  cluster: string;
  kind: MlopsResourceKindId;
  client: MlopsClusterClient;
  logger: LoggerService;
  settings: KindInformerSettings;
  /** Every change, as it is applied. */
  onEvent: (event: MlopsObjectEvent) => void;
  /** The API server answered 404 for the kind: it may have been uninstalled. */
  onNotFound: () => void;
  /** The kind has just gone stale (API discovery may want to look again). */
  onStale?: () => void;
  now?: () => Date;
}

class OverLimit extends CustomErrorBase {
  name = 'OverLimit' as const;
}

/**
 * One list+watch of one kind on one cluster, shared by every reader: a paginated LIST,
 * then a WATCH with bookmarks that resumes from the last resourceVersion; 410 Gone →
 * list again; any other failure → reconnect with capped exponential backoff and jitter
 * (after one immediate retry when a healthy watch breaks). A watch that receives
 * nothing for the idle timeout is treated as a hung connection. Objects are turned
 * into the kind's slim type and indexed by namespace and the kind's indexed labels.
 *
 * Measured against client-node's informer (`makeInformer` over a `ListWatch`, which
 * keeps whole objects) for the same objects, 2026-12-07, the scale data set (19,057
 * objects of six kinds), heap after forced GC, each in a process of its own
 * (`node --expose-gc --require @backstage/cli/config/nodeTransform.cjs
 * bench/cache-memory.ts <state.json>`): this cache +62 MiB (3.4 KiB per object, synced
 * in 2.0-2.5 s), client-node's informer +95-96 MiB (5.2 KiB per object, 1.4-1.9 s).
 * It also carries what client-node's informer lacks: paged lists, the size limit,
 * freshness, and the indexes by namespace and label the readers' queries use.
 *
 * Freshness: `syncing` until the first list; `fresh` while listed and watching;
 * `stale` (since the moment the watch was last known healthy, with the reason) while
 * it cannot reconnect; `fresh` again once a watch is accepted.
 *
 * @internal
 */
export class KindInformer {
  static create(options: KindInformerOptions): KindInformer {
    return new KindInformer(options);
  }

  private readonly index: ObjectIndex<Slim>;
  private readonly backoff: ExponentialBackoff;
  private readonly abort = new AbortController();
  private readonly now: () => Date;
  private loop?: Promise<void>;
  private resourceVersion?: string;
  private phase: 'syncing' | 'fresh' | 'stale' | 'over-limit' = 'syncing';
  private synced = false;
  /** The last moment the view was known to match the cluster. */
  private healthyAt?: Date;
  private staleSince?: Date;
  private staleReason?: string;
  private wakeUp?: () => void;
  /** When the current watch was accepted (undefined when none is open). */
  private watchOpenedAt?: number;
  /** Events the current watch has delivered. */
  private eventsSinceOpen = 0;

  private constructor(private readonly options: KindInformerOptions) {
    this.index = ObjectIndex.create<Slim>(
      MLOPS_RESOURCE_KINDS[options.kind].indexedLabels,
    );
    this.backoff = ExponentialBackoff.create(options.settings.backoff);
    this.now = options.now ?? (() => new Date());
  }

  /** Starts listing and watching (once). */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stops watching; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wakeUp?.();
    await this.loop;
  }

  /** True once a complete view is held (synced at least once, within the size limit). */
  get hasSynced(): boolean {
    return this.synced && this.phase !== 'over-limit';
  }

  /** True when the kind has more objects than the limit and is not cached. */
  get isOverLimit(): boolean {
    return this.phase === 'over-limit';
  }

  get size(): number {
    return this.index.size;
  }

  /** Objects of a namespace (by name, by labels) from memory. */
  query(
    namespace: string,
    name?: string,
    labels?: Record<string, string>,
  ): Slim[] {
    return this.index.query(namespace, name, labels);
  }

  /** Every object, across namespaces, from memory. */
  values(): Slim[] {
    return this.index.values();
  }

  freshness(): MlopsKindFreshness {
    const iso = (d?: Date) => d?.toISOString();
    switch (this.phase) {
      case 'fresh':
        return { state: 'fresh', syncedAt: iso(this.now()) };
      case 'stale':
        return {
          state: 'stale',
          syncedAt: this.synced ? iso(this.healthyAt) : undefined,
          staleSince: iso(this.staleSince),
          reason: this.staleReason,
        };
      case 'over-limit':
        return {
          state: 'fresh',
          syncedAt: iso(this.now()),
          reason: `not cached: more than ${this.options.settings.maxObjects} objects (mlops.cache.maxObjectsPerKind); answered from the API server`,
        };
      default:
        return { state: 'syncing' };
    }
  }

  private get label() {
    return `${this.options.kind} on cluster ${this.options.cluster}`;
  }

  private async run(): Promise<void> {
    let relist = true;
    /** 410s since the last watch that delivered something: a second one in a row waits. */
    let goneInARow = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (relist) {
          await this.list();
          relist = false;
        }
        const started = Date.now();
        this.eventsSinceOpen = 0;
        const events = await this.watch();
        goneInARow = 0;
        this.healthyAt = this.now();
        this.watchOpenedAt = undefined;
        // A watch the server ends at once, again and again, must not spin.
        if (Date.now() - started < 1000 && events === 0) {
          await this.sleep(this.backoff.next());
        } else {
          this.backoff.reset();
        }
      } catch (error) {
        if (this.abort.signal.aborted) {
          break;
        }
        if (error instanceof OverLimit) {
          this.enterOverLimit();
          break;
        }
        const status = clusterApiStatusOf(error);
        if (status === 410) {
          this.options.logger.info(
            `${this.label}: resourceVersion ${this.resourceVersion} expired (410 Gone); relisting`,
          );
          relist = true;
          goneInARow = this.eventsSinceOpen > 0 ? 1 : goneInARow + 1;
          if (goneInARow > 1) {
            // 410 again right after a relist: do not relist in a hot loop.
            await this.sleep(this.backoff.next());
          }
          continue;
        }
        if (status === 404) {
          this.options.onNotFound();
        }
        const brokeAfterHealthy =
          this.watchOpenedAt !== undefined &&
          Date.now() - this.watchOpenedAt >= 1000;
        this.watchOpenedAt = undefined;
        if (this.phase === 'fresh' && brokeAfterHealthy) {
          // A watch that was up broke: reconnect at once before calling it stale.
          this.healthyAt = this.now();
          this.backoff.reset();
          continue;
        }
        this.markStale(error);
        await this.sleep(this.backoff.next());
      }
    }
  }

  /** A paginated LIST of every namespace; replaces the index and emits the differences. */
  private async list(): Promise<void> {
    const { client, kind, settings } = this.options;
    const started = Date.now();
    const objects: Slim[] = [];
    let next: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const page = await client.listObjects({
        resource: MLOPS_RESOURCE_KINDS[kind],
        labelSelector: labelSelectorOfKind(kind),
        limit: settings.pageSize,
        continue: next,
      });
      for (const raw of page.items) {
        const object = toSlimMlopsObject(kind, raw);
        if (object) {
          objects.push(object);
        }
      }
      if (objects.length > settings.maxObjects) {
        throw new OverLimit();
      }
      next = page.metadata.continue;
      resourceVersion = page.metadata.resourceVersion;
    } while (next && !this.abort.signal.aborted);
    if (this.abort.signal.aborted) {
      return;
    }
    const diff = this.index.replaceAll(objects);
    this.resourceVersion = resourceVersion;
    const firstSync = !this.synced;
    this.synced = true;
    this.markFresh();
    // Logged before the events go out: subscribers take their time with them.
    this.options.logger.info(
      firstSync
        ? `${this.label}: ${objects.length} objects synced in ${
            Date.now() - started
          } ms`
        : `${this.label}: relisted ${objects.length} objects in ${
            Date.now() - started
          } ms (${diff.added.length} added, ${diff.modified.length} changed, ${
            diff.deleted.length
          } deleted meanwhile)`,
    );
    for (const object of diff.added) {
      this.emit('ADDED', object);
    }
    for (const object of diff.modified) {
      this.emit('MODIFIED', object);
    }
    for (const object of diff.deleted) {
      this.emit('DELETED', object);
    }
  }

  /** One WATCH from the current resourceVersion; resolves with the number of events when the server ends it. */
  private async watch(): Promise<number> {
    const { client, kind, settings } = this.options;
    let events = 0;
    await client.watchObjects({
      resource: MLOPS_RESOURCE_KINDS[kind],
      labelSelector: labelSelectorOfKind(kind),
      resourceVersion: this.resourceVersion,
      allowBookmarks: true,
      timeoutSeconds: Math.round(
        settings.watchTimeoutSeconds * (1 + Math.random() / 2),
      ),
      idleTimeoutMs: settings.watchIdleTimeoutMs,
      signal: this.abort.signal,
      onOpen: () => {
        this.watchOpenedAt = Date.now();
        this.markFresh();
      },
      onEvent: event => {
        events++;
        this.eventsSinceOpen++;
        this.apply(event);
      },
    });
    return events;
  }

  private apply(event: MlopsWatchEvent) {
    this.healthyAt = this.now();
    const version = event.object.metadata?.resourceVersion;
    if (typeof version === 'string' && version) {
      this.resourceVersion = version;
    }
    if (event.type === 'BOOKMARK') {
      return;
    }
    const object = toSlimMlopsObject(this.options.kind, event.object);
    if (!object) {
      return;
    }
    if (event.type === 'DELETED') {
      this.index.remove(object.metadata.namespace, object.metadata.name);
    } else {
      this.index.upsert(object);
      if (this.index.size > this.options.settings.maxObjects) {
        throw new OverLimit();
      }
    }
    this.emit(event.type, object);
  }

  private emit(type: MlopsObjectEvent['type'], object: Slim) {
    this.options.onEvent({
      cluster: this.options.cluster,
      kind: this.options.kind,
      type,
      object,
    });
  }

  private markFresh() {
    this.healthyAt = this.now();
    if (this.phase === 'stale' && this.synced) {
      this.options.logger.info(
        `${this.label}: watching again after ${Math.round(
          (this.now().getTime() - (this.staleSince?.getTime() ?? 0)) / 1000,
        )} s stale`,
      );
    }
    if (this.synced) {
      // The backoff is reset only once a watch has lasted (see run()), so that a
      // cluster that accepts and drops at once is not retried in a hot loop.
      this.phase = 'fresh';
      this.staleSince = undefined;
      this.staleReason = undefined;
    }
  }

  private markStale(error: unknown) {
    const reason = String((error as Error)?.message ?? error);
    if (this.phase !== 'stale') {
      this.options.onStale?.();
      this.staleSince = this.synced ? this.healthyAt ?? this.now() : this.now();
      this.options.logger.warn(
        `${this.label}: ${
          this.synced ? 'watch down, serving cached objects' : 'cannot list'
        }: ${reason}`,
      );
    }
    this.phase = 'stale';
    this.staleReason = reason;
  }

  private enterOverLimit() {
    this.index.clear();
    this.phase = 'over-limit';
    this.options.logger.warn(
      `${this.label}: more than ${this.options.settings.maxObjects} objects (mlops.cache.maxObjectsPerKind); this kind is no longer cached and every query of it goes to the API server`,
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
