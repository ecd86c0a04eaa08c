import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type {
  MlopsKindFreshness,
  MlopsObjectEvent,
  MlopsObjectQuery,
  MlopsObjectQueryResult,
  MlopsObjectStore,
  MlopsResourceKindId,
  MlopsSlimObjects,
} from '@backstage-mlops/plugin-mlops-node';

type AnySlim = MlopsSlimObjects[MlopsResourceKindId];

/**
 * An object store for route tests: objects and per-kind freshness set by the test,
 * unreachable clusters that throw as the real store does. Queried, it counts what was
 * asked so tests can check that a route asks only for its entity's objects.
 */
export class InMemoryObjectStore implements MlopsObjectStore {
  readonly queries: Array<MlopsObjectQuery<MlopsResourceKindId>> = [];
  private readonly objects: Array<{
    cluster: string;
    kind: MlopsResourceKindId;
    object: AnySlim;
  }> = [];
  private readonly freshness = new Map<string, MlopsKindFreshness>();
  private readonly unreachable = new Set<string>();
  private readonly subscribers = new Set<(event: MlopsObjectEvent) => void>();

  constructor(private readonly clusters: string[] = ['dev']) {}

  add<K extends MlopsResourceKindId>(
    cluster: string,
    kind: K,
    ...objects: Array<MlopsSlimObjects[K]>
  ): this {
    for (const object of objects) this.objects.push({ cluster, kind, object });
    return this;
  }

  /** A Namespace of the cluster with these annotations (cluster-scoped: no namespace). */
  addNamespace(
    cluster: string,
    name: string,
    annotations: Record<string, string>,
  ): this {
    return this.add(cluster, 'namespaces', {
      metadata: {
        name,
        namespace: '',
        uid: `uid-${name}`,
        resourceVersion: '1',
        annotations,
      },
    });
  }

  setFreshness(
    cluster: string,
    kind: MlopsResourceKindId,
    freshness: MlopsKindFreshness,
  ): this {
    this.freshness.set(`${cluster}/${kind}`, freshness);
    return this;
  }

  setUnreachable(cluster: string): this {
    this.unreachable.add(cluster);
    return this;
  }

  async query<K extends MlopsResourceKindId>(
    query: MlopsObjectQuery<K>,
  ): Promise<MlopsObjectQueryResult<K>> {
    this.queries.push(query);
    if (!this.clusters.includes(query.cluster)) {
      throw new NotFoundError(`cluster ${query.cluster} is not configured`);
    }
    if (this.unreachable.has(query.cluster)) {
      throw new ServiceUnavailableError(
        `cluster ${query.cluster} cannot be reached and nothing of it is cached`,
      );
    }
    const items = this.objects
      .filter(
        o =>
          o.cluster === query.cluster &&
          o.kind === query.kind &&
          // Cluster-scoped objects (Namespaces) have '' and are queried without one.
          o.object.metadata.namespace === (query.namespace ?? '') &&
          (query.name === undefined || o.object.metadata.name === query.name) &&
          Object.entries(query.labels ?? {}).every(
            ([key, value]) => o.object.metadata.labels?.[key] === value,
          ),
      )
      .map(o => o.object as MlopsSlimObjects[K]);
    return {
      items,
      freshness: this.freshness.get(`${query.cluster}/${query.kind}`) ?? {
        state: 'fresh',
        syncedAt: '2026-05-01T12:00:00Z',
      },
      source: 'cache',
    };
  }

  status() {
    return [];
  }

  subscribe(listener: (event: MlopsObjectEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Adds or replaces an object (by kind and uid) and tells the subscribers. */
  change<K extends MlopsResourceKindId>(
    cluster: string,
    kind: K,
    object: MlopsSlimObjects[K],
  ): this {
    const index = this.objects.findIndex(
      o =>
        o.cluster === cluster &&
        o.kind === kind &&
        o.object.metadata.uid === object.metadata.uid,
    );
    if (index >= 0) this.objects.splice(index, 1);
    this.objects.push({ cluster, kind, object });
    const type = index >= 0 ? 'MODIFIED' : 'ADDED';
    this.subscribers.forEach(listener =>
      listener({ cluster, kind, type, object }),
    );
    return this;
  }
}
