import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { Entity } from '@backstage/catalog-model';
import type { MlopsModelCoordinates } from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsClusterRegistry,
  MlopsEntityResolver,
} from '@backstage-mlops/plugin-mlops-node';
import { coordinatesCoveringTarget, type RunTarget } from './entityTarget';

/**
 * How long a run action waits by default for its `entityRef` to be readable in the
 * catalog before it checks the permission: 60 seconds.
 *
 * @public
 */
export const DEFAULT_ENTITY_WAIT_MS = 60_000;
/** How often the catalog is asked meanwhile. */
const ENTITY_POLL_MS = 1000;

/**
 * What the run actions need to act only where the user who started the task may.
 *
 * @public
 */
export interface InitiatorAccessOptions {
  /** The permission framework (`coreServices.permissions`). */
  permissions: PermissionsService;
  /** The catalog (`catalogServiceRef`), read with the user's credentials. */
  catalog: CatalogService;
  /** The configured clusters, to compare the entity's cluster with the step's. */
  clusters: Pick<MlopsClusterRegistry, 'resolveCluster'>;
  /**
   * Where the entity's objects are, and whether its namespace allows its owner
   * (`mlopsEntityResolverServiceRef`): a step on an entity is a mutation.
   */
  entities: Pick<MlopsEntityResolver, 'resolve'>;
  /**
   * How long a step waits for its `entityRef` to be readable (an earlier step of the
   * template may just have registered it); default {@link DEFAULT_ENTITY_WAIT_MS}.
   */
  entityWaitMs?: number;
}

/**
 * One check: the action, the permission it needs on the model, and the model.
 *
 * @internal
 */
export interface InitiatorAccessRequest {
  /** The action id, for messages, e.g. `mlops:training:run`. */
  action: string;
  /** The mlops permission the portal's UI and API require for the same act. */
  permission: ResourcePermission<'catalog-entity'>;
  /** The model entity the step acts on (its `entityRef` input); none: nothing to check. */
  entityRef?: string;
  /** What the step's input names: it must be the entity's own objects. */
  target: RunTarget;
}

type AccessContext = Pick<
  ActionContext<JsonObject>,
  'getInitiatorCredentials' | 'isDryRun' | 'logger'
>;

/**
 * Makes a run action obey the same permission as the portal's button for the same act:
 * the user who started the task must hold `permission` on the model entity, so a
 * template cannot start training, a build or a validation of a model its user may not
 * act on. The entity is read with the user's credentials; while it is not readable yet
 * (registered by an earlier step, still being processed) the step waits up to
 * `entityWaitMs`. A dry run does not wait: an entity the template would register is
 * not there, and the real run checks it. Without an `entityRef` there is nothing to
 * check against, and it returns at once. The step's `target` must then be the
 * entity's own objects (see {@link coordinatesCoveringTarget}), so the permission on
 * one model does not start runs of another.
 *
 * @returns the entity's coordinates, or undefined when nothing was checked
 * @throws NotFoundError when the entity is still not readable after the wait
 * @throws NotAllowedError when the permission is denied, or the entity's namespace
 *   does not allow its owner
 * @throws InputError when the input names objects that are not the entity's
 * @internal
 */
export async function assertInitiatorMayAct(
  ctx: AccessContext,
  options: InitiatorAccessOptions,
  request: InitiatorAccessRequest,
): Promise<MlopsModelCoordinates | undefined> {
  const { action, permission, entityRef } = request;
  if (!entityRef) return undefined;
  const credentials = await ctx.getInitiatorCredentials();
  const waitMs = ctx.isDryRun
    ? 0
    : options.entityWaitMs ?? DEFAULT_ENTITY_WAIT_MS;
  const entity = await waitUntilReadable(ctx, options.catalog, {
    entityRef,
    permissionName: permission.name,
    credentials,
    waitMs,
  });
  if (!entity) {
    if (ctx.isDryRun) {
      ctx.logger.info(
        `dry run: ${entityRef} is not in the catalog yet, so the ${permission.name} permission is checked by the real run`,
      );
      return undefined;
    }
    throw new NotFoundError(
      `${action}: entityRef ${entityRef} is not in the catalog (waited ${Math.round(
        waitMs / 1000,
      )} s), so the ${
        permission.name
      } permission cannot be checked; register the model first`,
    );
  }
  const [decision] = await options.permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${action}: the user who started this task may not act on ${entityRef} (permission ${permission.name} denied); nothing was started, and someone allowed to act on the model (e.g. a member of its owner) can do it from its page in the portal`,
    );
  }
  return coordinatesCoveringTarget(action, entityRef, entity, request.target, {
    clusters: options.clusters,
    entities: options.entities,
  });
}

async function waitUntilReadable(
  ctx: AccessContext,
  catalog: CatalogService,
  wait: {
    entityRef: string;
    permissionName: string;
    credentials: BackstageCredentials;
    waitMs: number;
  },
): Promise<Entity | undefined> {
  const { entityRef, credentials, waitMs } = wait;
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (entity) return entity;
    if (Date.now() + ENTITY_POLL_MS > deadline) return undefined;
    if (attempt === 0) {
      ctx.logger.info(
        `waiting for ${entityRef} to be in the catalog, to check the ${
          wait.permissionName
        } permission (at most ${Math.round(waitMs / 1000)} s)`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, ENTITY_POLL_MS));
  }
}
