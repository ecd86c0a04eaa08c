import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { MLOPS_ENTITY_TYPE_MODEL } from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsEntityResolver,
  MlopsResourceKindId,
  MlopsSlimObjects,
} from '@backstage-mlops/plugin-mlops-node';
import type { ModelTarget } from '../services/ModelAccess';
import { objectBelongsTo } from './belongsToEntity';

/**
 * Options of {@link ModelDirectory.create}.
 *
 * @internal
 */
export interface ModelDirectoryOptions {
  catalog: CatalogService;
  auth: AuthService;
  entities: MlopsEntityResolver;
  logger: LoggerService;
  /** How often the catalog is read again once started. */
  refreshMs: number;
}

/**
 * The other direction of `belongsToEntity`: which model entities a cluster object
 * belongs to, for backend work that starts from a cluster change rather than from a
 * request naming an entity (notifications). It reads the catalog's models with the
 * backend's own credentials, places each with mlops-node's entity resolver (for
 * reading; a model whose annotations do not resolve is left out, as its tabs would
 * refuse it) and answers from memory; the catalog is read again every `refreshMs`.
 *
 * @internal
 */
export class ModelDirectory {
  static create(options: ModelDirectoryOptions): ModelDirectory {
    return new ModelDirectory(options);
  }

  private byNamespace = new Map<string, ModelTarget[]>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly firstRead: Promise<void>;
  private markRead: () => void = () => {};

  private constructor(private readonly options: ModelDirectoryOptions) {
    this.firstRead = new Promise(resolve => {
      this.markRead = resolve;
    });
  }

  /** Resolves once the catalog has been read (kept trying until then). */
  ready(): Promise<void> {
    return this.firstRead;
  }

  /** Reads the catalog now and every `refreshMs` from now on. */
  start(): void {
    if (this.timer || this.stopped) return;
    const tick = async () => {
      try {
        await this.refresh();
      } catch (error) {
        this.options.logger.warn(
          `could not read the ML models of the catalog: ${stringifyError(
            error,
          )}`,
        );
      }
      if (!this.stopped) {
        this.timer = setTimeout(tick, this.options.refreshMs);
        this.timer.unref?.();
      }
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Reads the catalog's models and places them. Throws when the catalog cannot be read. */
  async refresh(): Promise<void> {
    const { catalog, auth, entities, logger } = this.options;
    const { items } = await catalog.getEntities(
      { filter: { kind: 'component', 'spec.type': MLOPS_ENTITY_TYPE_MODEL } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const byNamespace = new Map<string, ModelTarget[]>();
    for (const entity of items) {
      const target = await this.place(entity, entities, logger);
      if (!target) continue;
      const key = namespaceKey(
        target.cluster.name,
        target.coordinates.namespace,
      );
      byNamespace.set(key, [...(byNamespace.get(key) ?? []), target]);
    }
    this.byNamespace = byNamespace;
    this.markRead();
  }

  /** The models an object of a kind on a cluster belongs to. */
  targetsOf(
    cluster: string,
    kind: MlopsResourceKindId,
    object: MlopsSlimObjects[MlopsResourceKindId],
  ): ModelTarget[] {
    const namespace = object.metadata.namespace;
    if (!namespace) return [];
    return (
      this.byNamespace.get(namespaceKey(cluster, namespace)) ?? []
    ).filter(target => objectBelongsTo(target, kind, object));
  }

  private async place(
    entity: Entity,
    entities: MlopsEntityResolver,
    logger: LoggerService,
  ): Promise<ModelTarget | undefined> {
    try {
      return { entity, ...(await entities.resolve(entity, 'read')) };
    } catch (error) {
      logger.debug(
        `${stringifyEntityRef(entity)} is left out: ${stringifyError(error)}`,
      );
      return undefined;
    }
  }
}

function namespaceKey(cluster: string, namespace: string): string {
  return `${cluster}\u0000${namespace}`;
}
