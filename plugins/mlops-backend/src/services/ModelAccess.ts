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
import {
  describeAnnotationProblems,
  MLOPS_ANNOTATION_CLUSTER,
  type MlopsModelCoordinates,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsClusterDescriptor,
  MlopsClusterRegistry,
} from '@backstage-mlops/plugin-mlops-node';
import { TargetCache } from './TargetCache';
import {
  assertError,
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
 * Resolves entity refs for the read routes: the caller must hold catalog read access
 * to the entity (so a policy can limit a team to its own models), the entity must exist,
 * and its annotations must name valid coordinates on a configured cluster.
 *
 * A resolved entity is remembered per caller for `entityTtlMs` (default 5 s; 0 turns it
 * off), so a page that is viewed or refreshed again does not re-ask the catalog and the
 * permission framework each time; a revoked permission or an edited annotation takes
 * effect within that time.
 *
 * @internal
 */
export class ModelAccess {
  static create(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    clusters: MlopsClusterRegistry;
    entityTtlMs?: number;
  }): ModelAccess {
    return new ModelAccess(
      options.catalog,
      options.permissions,
      options.clusters,
      new TargetCache<ModelTarget>(options.entityTtlMs ?? 5000),
    );
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly clusters: MlopsClusterRegistry,
    private readonly targets: TargetCache<ModelTarget>,
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

  /** One entity the caller may read, with its coordinates; the errors name what is wrong. */
  resolve(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelTarget> {
    return this.targets.get(`${principalKey(credentials)}|${entityRef}`, () =>
      this.lookup(entityRef, credentials),
    );
  }

  private async lookup(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelTarget> {
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
    return this.target(entity);
  }

  /** The coordinates of an entity already fetched; InputError naming annotations. */
  target(entity: Entity): ModelTarget {
    const entityRef = stringifyEntityRef(entity);
    const result = readMlopsCoordinates(entity);
    if (!result.ok) {
      throw new InputError(
        `${entityRef}: ${describeAnnotationProblems(result.problems)}`,
      );
    }
    let cluster: MlopsClusterDescriptor;
    try {
      cluster = this.clusters.resolveCluster(result.coordinates.cluster);
    } catch (error) {
      assertError(error);
      throw new InputError(
        `${entityRef}: annotation ${MLOPS_ANNOTATION_CLUSTER}: ${error.message}`,
      );
    }
    return { entity, entityRef, coordinates: result.coordinates, cluster };
  }
}
