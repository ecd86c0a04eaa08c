import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMlopsAvailable,
  MLOPS_ENTITY_TYPE_MODEL,
  MLOPS_ENTITY_TYPE_PIPELINE,
  normalizeMlopsEntityRef,
} from '@backstage-mlops/plugin-mlops-common';
import type { ModelAccess, ModelTarget } from '../services/ModelAccess';

/**
 * How old the index may get before the next change reads the catalog again: an
 * entity registered or re-annotated is followed within this time (its tab's first
 * read is always current; only changes before it is indexed go unsignalled).
 */
const MAX_AGE_MS = 30_000;
/** After a failed catalog read, the next attempt waits this long. */
const RETRY_MS = 5_000;

function namespaceKey(cluster: string, namespace: string): string {
  return `${cluster}/${namespace}`;
}

interface Snapshot {
  loadedAt: number;
  byNamespace: Map<string, ModelTarget[]>;
}

/**
 * The catalog's `ml-model` Components and `ml-pipeline` Resources with where their
 * cluster objects are, by cluster and namespace, so a change of a cluster object finds
 * its entities without a catalog request per change. Read with the plugin's own
 * service credentials, resolved for reading exactly as a route resolves them
 * (`ModelAccess.target`); an entity that does not resolve (bad annotations, a cluster
 * that is not configured, a namespace that refuses reads) is left out: its tab shows
 * why and has nothing to follow.
 *
 * @internal
 */
export class ModelTargetIndex {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    access: ModelAccess;
    logger: LoggerService;
    maxAgeMs?: number;
    now?: () => number;
  }): ModelTargetIndex {
    return new ModelTargetIndex(
      options.catalog,
      options.auth,
      options.access,
      options.logger,
      options.maxAgeMs ?? MAX_AGE_MS,
      options.now ?? Date.now,
    );
  }

  private snapshot?: Snapshot;
  private loading?: Promise<void>;
  private failedAt?: number;

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly access: ModelAccess,
    private readonly logger: LoggerService,
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * The entities whose objects are in a namespace of a cluster. Waits for the first
   * catalog read; later, a stale index answers at once while it is read again.
   */
  async inNamespace(
    cluster: string,
    namespace: string,
  ): Promise<ModelTarget[]> {
    if (!this.snapshot) {
      await this.refresh();
    } else if (this.now() - this.snapshot.loadedAt > this.maxAgeMs) {
      void this.refresh();
    }
    return (
      this.snapshot?.byNamespace.get(namespaceKey(cluster, namespace)) ?? []
    );
  }

  /** Reads the catalog now (at most one read at a time, none soon after a failure). */
  refresh(): Promise<void> {
    if (this.loading) {
      return this.loading;
    }
    if (this.failedAt !== undefined && this.now() - this.failedAt < RETRY_MS) {
      return Promise.resolve();
    }
    this.loading = this.load()
      .then(
        snapshot => {
          this.snapshot = snapshot;
          this.failedAt = undefined;
        },
        error => {
          this.failedAt = this.now();
          this.logger.warn(
            `live updates: cannot read the ml-model and ml-pipeline entities of the catalog, changes are not signalled until it can be read: ${stringifyError(
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

  private async load(): Promise<Snapshot> {
    const startedAt = this.now();
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: [
          { kind: 'component', 'spec.type': MLOPS_ENTITY_TYPE_MODEL },
          { kind: 'resource', 'spec.type': MLOPS_ENTITY_TYPE_PIPELINE },
        ],
      },
      { credentials },
    );
    const byNamespace = new Map<string, ModelTarget[]>();
    for (const entity of items.filter(isMlopsAvailable)) {
      const target = await this.access.target(entity, 'read').catch(() => {
        // Not resolvable for reading: its tab says why; nothing to signal.
        return undefined;
      });
      if (!target) continue;
      const key = namespaceKey(
        target.cluster.name,
        target.coordinates.namespace,
      );
      const normalized = {
        ...target,
        entityRef: normalizeMlopsEntityRef(target.entityRef),
      };
      byNamespace.set(key, [...(byNamespace.get(key) ?? []), normalized]);
    }
    return { loadedAt: startedAt, byNamespace };
  }
}
