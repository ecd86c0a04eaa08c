import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';
import type { LabelledMeta } from './objectDiscovery';

const NAMESPACES = { group: '', version: 'v1', plural: 'namespaces' };

/**
 * Labels and annotations of a cluster's Namespace objects (which the object store does
 * not cache), read through the cluster's mlops-node client and kept for a while.
 *
 * @internal
 */
export class NamespaceMetadataReader {
  static create(options: {
    client: () => MlopsClusterClient;
    ttlMs?: number;
  }): NamespaceMetadataReader {
    return new NamespaceMetadataReader(options.client, options.ttlMs ?? 30_000);
  }

  private readonly cache = new Map<
    string,
    { meta: LabelledMeta | undefined; at: number }
  >();

  private constructor(
    private readonly client: () => MlopsClusterClient,
    private readonly ttlMs: number,
  ) {}

  /** One namespace's metadata; undefined when it does not exist. Throws when the cluster cannot answer. */
  async get(namespace: string): Promise<LabelledMeta | undefined> {
    const cached = this.cache.get(namespace);
    if (cached && Date.now() - cached.at < this.ttlMs) {
      return cached.meta;
    }
    let meta: LabelledMeta | undefined;
    try {
      const object = await this.client().getObject({
        resource: NAMESPACES,
        name: namespace,
      });
      meta = pick(object.metadata);
    } catch (error) {
      if ((error as Error)?.name !== 'NotFoundError') throw error;
    }
    this.cache.set(namespace, { meta, at: Date.now() });
    return meta;
  }

  /** Every namespace's metadata (one paginated list), refreshing the cache. */
  async all(): Promise<Map<string, LabelledMeta>> {
    const out = new Map<string, LabelledMeta>();
    let next: string | undefined;
    do {
      const page = await this.client().listObjects({
        resource: NAMESPACES,
        limit: 500,
        continue: next,
      });
      for (const item of page.items) {
        const name = item.metadata?.name;
        if (name) out.set(name, pick(item.metadata) ?? {});
      }
      next = page.metadata.continue;
    } while (next);
    const at = Date.now();
    this.cache.clear();
    for (const [name, meta] of out) this.cache.set(name, { meta, at });
    return out;
  }
}

function pick(
  metadata:
    | { labels?: Record<string, string>; annotations?: Record<string, string> }
    | undefined,
): LabelledMeta | undefined {
  if (!metadata) return undefined;
  return { labels: metadata.labels, annotations: metadata.annotations };
}
