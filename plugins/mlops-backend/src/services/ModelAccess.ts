import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { MlopsModelCoordinates } from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsClusterDescriptor,
  MlopsEntityResolver,
  MlopsEntityUse,
} from '@backstage-mlops/plugin-mlops-node';
import { TargetCache } from './TargetCache';
import {
  assertError,
  isError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';

/**
 * A catalog entity the caller may read, with the cluster coordinates of its
 * annotations: the only way a request reaches cluster objects.
 *
 * @internal
 */
export interface ModelTarget {
  entity: Entity;
  entityRef: string;
  coordinates: MlopsModelCoordinates;
  cluster: MlopsClusterDescriptor;
}

/**
 * One entity ref of {@link ModelAccess.resolveMany}: its target, or why there is none.
 *
 * @internal
 */
export interface ResolvedEntityRef {
  /** The entity ref as it was asked for. */
  entityRef: string;
  target?: ModelTarget;
  problem?: string;
}

const NOT_READABLE = 'not found in the catalog, or not visible to you';

/** Who is asking, as a cache key: a decision is never shared between callers. */
function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}

/**
 * Resolves entity refs for every route, action and stream: the caller must hold
 * catalog read access to the entity (so a policy can limit a team to its own models),
 * the entity must exist, and mlops-node's {@link MlopsEntityResolver} must place it:
 * annotations naming valid coordinates on a configured cluster, in a namespace that
 * allows the entity's owner for the use (`read` or `mutation`) as
 * `mlops.namespaceOwnership.enforce` asks.
 *
 * The entity the caller may read is remembered per caller for `entityTtlMs` (default
 * 5 s; 0 turns it off), so a page that is viewed or refreshed again does not re-ask
 * the catalog and the permission framework each time; a revoked permission or an
 * edited annotation takes effect within that time. The namespace check runs on every
 * request, against the watch cache.
 *
 * @internal
 */
export class ModelAccess {
  static create(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    entities: MlopsEntityResolver;
    entityTtlMs?: number;
  }): ModelAccess {
    return new ModelAccess(
      options.catalog,
      options.permissions,
      options.entities,
      new TargetCache<Entity>(options.entityTtlMs ?? 5000),
    );
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly entities: MlopsEntityResolver,
    private readonly readable: TargetCache<Entity>,
  ) {}

  /** Normalizes a kind/namespace/name triple or a ref string; InputError when malformed. */
  static parseRef(
    ref: string | { kind: string; namespace: string; name: string },
  ): string {
    try {
      return stringifyEntityRef(
        typeof ref === 'string' ? parseEntityRef(ref) : ref,
      ).toLocaleLowerCase('en-US');
    } catch (error) {
      assertError(error);
      throw new InputError(`invalid entity ref: ${error.message}`);
    }
  }

  /** Throws NotAllowedError unless the caller may read every given entity. */
  async authorizeRead(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const decisions = await this.permissions.authorize(
      entityRefs.map(resourceRef => ({
        permission: catalogEntityReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /**
   * One entity the caller may read, with its coordinates, for a use; the errors name
   * what is wrong (a namespace refusal is a `NotAllowedError` naming the namespace and
   * the annotation to add).
   */
  async resolve(
    entityRef: string,
    credentials: BackstageCredentials,
    use: MlopsEntityUse,
  ): Promise<ModelTarget> {
    const entity = await this.readable.get(
      `${principalKey(credentials)}|${entityRef}`,
      () => this.lookup(entityRef, credentials),
    );
    return this.target(entity, use);
  }

  private async lookup(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const [allowed] = await this.authorizeRead([entityRef], credentials);
    if (!allowed) {
      throw new NotAllowedError(`you may not read ${entityRef}`);
    }
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`no entity ${entityRef} in the catalog`);
    }
    return entity;
  }

  /**
   * Many entities for reading, in order, in one permission request and one catalog
   * request: each with its target, or the reason there is none in words (an entity
   * the caller may not read reads exactly like one that does not exist).
   */
  async resolveMany(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntityRef[]> {
    const normalized = entityRefs.map(ref => ModelAccess.parseRef(ref));
    const allowed = await this.authorizeRead(normalized, credentials);
    const readable = normalized.filter((_, i) => allowed[i]);
    const { items: entities } = readable.length
      ? await this.catalog.getEntitiesByRefs(
          { entityRefs: readable },
          { credentials },
        )
      : { items: [] };
    const entityByRef = new Map(
      entities.flatMap(e =>
        e ? [[ModelAccess.parseRef(stringifyEntityRef(e)), e] as const] : [],
      ),
    );
    return Promise.all(
      entityRefs.map(async (entityRef, i): Promise<ResolvedEntityRef> => {
        const entity = allowed[i] ? entityByRef.get(normalized[i]) : undefined;
        if (!entity) {
          return { entityRef, problem: NOT_READABLE };
        }
        try {
          return { entityRef, target: await this.target(entity, 'read') };
        } catch (error) {
          return {
            entityRef,
            problem: isError(error) ? error.message : String(error),
          };
        }
      }),
    );
  }

  /** The target of an entity already fetched (with read access checked), for a use. */
  async target(entity: Entity, use: MlopsEntityUse): Promise<ModelTarget> {
    const target = await this.entities.resolve(entity, use);
    return { entity, ...target };
  }
}
