import type {
  MlopsResourceKindId,
  MlopsSlimObjects,
} from '../kinds/resourceKinds';

/**
 * How current the cache's view of one kind on one cluster is.
 *
 * - `syncing`: the first list has not finished yet;
 * - `fresh`: listed and watching;
 * - `stale`: the watch is down (cluster unreachable, credentials refused, …); the
 *   objects are those of `syncedAt`;
 * - `not-installed`: the cluster does not serve the kind (API discovery).
 *
 * @public
 */
export interface MlopsKindFreshness {
  state: 'syncing' | 'fresh' | 'stale' | 'not-installed';
  /** When the cache last had a complete, current view (ISO 8601). */
  syncedAt?: string;
  /** Since when the view has been stale (ISO 8601). */
  staleSince?: string;
  /** Why it is stale or not installed, in words, never with a credential. */
  reason?: string;
}

/**
 * A query of the object store: objects of one kind in one namespace of one cluster,
 * optionally by name or by label equality (indexed when the label is one of the kind's
 * `indexedLabels`). A cluster-scoped kind (`namespaces`) is queried without a
 * namespace, e.g. `{ cluster, kind: 'namespaces', name: 'ml-team' }`.
 *
 * @public
 */
export interface MlopsObjectQuery<K extends MlopsResourceKindId> {
  cluster: string;
  kind: K;
  /** Required for every kind but the cluster-scoped ones, which take none. */
  namespace?: string;
  name?: string;
  labels?: Record<string, string>;
}

/**
 * The answer to a {@link MlopsObjectQuery}.
 *
 * @public
 */
export interface MlopsObjectQueryResult<K extends MlopsResourceKindId> {
  items: Array<MlopsSlimObjects[K]>;
  freshness: MlopsKindFreshness;
  /** `api` when the cache had not synced yet and the answer came from a direct list. */
  source: 'cache' | 'api';
}

/**
 * What {@link MlopsObjectStore.listCached} returns: every cached object of one kind on
 * one cluster, across namespaces, from memory only.
 *
 * @public
 */
export interface MlopsCachedObjects<K extends MlopsResourceKindId> {
  /** The objects; empty while `synced` is false. */
  items: Array<MlopsSlimObjects[K]>;
  /**
   * True when `items` is a complete view (the kind synced at least once, stale or
   * not), or when the cluster does not serve the kind (`not-installed`: no objects).
   * False while syncing, when the kind has too many objects to cache, or when the
   * cluster was never reached.
   */
  synced: boolean;
  freshness: MlopsKindFreshness;
}

/**
 * A change to a cached object (for live updates).
 *
 * @public
 */
export interface MlopsObjectEvent {
  cluster: string;
  kind: MlopsResourceKindId;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: MlopsSlimObjects[MlopsResourceKindId];
}

/**
 * The watch-backed cache of cluster objects: one list+watch per cluster and kind,
 * shared by every user and entity.
 *
 * @public
 */
export interface MlopsObjectStore {
  /**
   * Answers from memory once the kind is synced. Before that, lists from the API
   * server directly (a cold entity is answered correctly, never empty). A kind the
   * cluster does not serve yields no items and `not-installed`. Throws
   * `ServiceUnavailableError` naming the cluster when it cannot be reached and nothing
   * is cached, and `NotFoundError` for an unknown cluster.
   */
  query<K extends MlopsResourceKindId>(
    query: MlopsObjectQuery<K>,
  ): Promise<MlopsObjectQueryResult<K>>;
  /**
   * Every cached object of a kind on a cluster, across namespaces (for whole-cluster
   * readers such as catalog discovery). Never calls the API server: check `synced`
   * before treating an empty answer as "none". Throws `NotFoundError` for an unknown
   * cluster and `InputError` for an unknown kind. Optional so that other stores (test
   * doubles) need not implement it; `DefaultMlopsObjectStore` does.
   */
  listCached?<K extends MlopsResourceKindId>(query: {
    cluster: string;
    kind: K;
  }): MlopsCachedObjects<K>;
  /** Freshness and size of every cluster × kind. */
  status(): Array<{
    cluster: string;
    kind: MlopsResourceKindId;
    freshness: MlopsKindFreshness;
    objects: number;
  }>;
  /** Calls listener for every change; returns the function that unsubscribes. */
  subscribe(listener: (event: MlopsObjectEvent) => void): () => void;
}
