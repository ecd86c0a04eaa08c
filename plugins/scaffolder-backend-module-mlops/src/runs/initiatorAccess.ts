import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { Entity } from '@backstage/catalog-model';
import type { MlopsModelCoordinates } from '@backstage-mlops/plugin-mlops-common';
import {
  clusterWriteAudit,
  MlopsModelMutations,
  type MlopsClusterRegistry,
  type MlopsEntityResolver,
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
  /**
   * The scaffolder's auditor (`coreServices.auditor`): each step on a model is an
   * `mlops-action` audit event with `meta.via: scaffolder`.
   */
  auditor: AuditorService;
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
 * One run-starting step: the action, the permission it needs on the model, and the
 * model.
 *
 * @internal
 */
export interface InitiatorMutationRequest {
  /** The action id, for messages and the audit event, e.g. `mlops:training:run`. */
  action: string;
  /** The mlops permission the portal's UI and API require for the same act. */
  permission: ResourcePermission<'catalog-entity'>;
  /** The model entity the step acts on (its `entityRef` input); none: nothing to check. */
  entityRef?: string;
  /** What the step's input names: it must be the entity's own objects. */
  target: RunTarget;
}

/**
 * What a step's start reports: its value for the step, and the object it created
 * (an empty name when a dry run was deferred), for the audit event.
 *
 * @internal
 */
export interface InitiatorMutationStart<T> {
  value: T;
  object: { kind: string; namespace: string; name: string };
}

type AccessContext = Pick<
  ActionContext<JsonObject>,
  'getInitiatorCredentials' | 'isDryRun' | 'logger'
>;

/**
 * The scaffolder's entry point to mlops-node's {@link MlopsModelMutations}, the one
 * authorization and audit path of every mutation (shared with the backend's action
 * routes and actions registry): the user who started the task must hold `permission`
 * on the model entity, as for the portal's button for the same act, so a template
 * cannot start training, a build or a validation of a model its user may not act on.
 * The step is recorded as an `mlops-action` audit event with `meta.via: scaffolder`,
 * refused or not.
 *
 * The entity is read with the user's credentials; while it is not readable yet
 * (registered by an earlier step, still being processed) the step waits up to
 * `entityWaitMs`. A dry run does not wait: an entity the template would register is
 * not there, and the real run checks it. Once allowed, the entity is resolved for a
 * mutation through mlops-node's `MlopsEntityResolver` and the step's `target` must be
 * the entity's own objects (see {@link coordinatesCoveringTarget}), so the permission
 * on one model does not start runs of another; then `start` runs with the entity's
 * coordinates. Without an `entityRef` there is nothing to check against: `start`
 * runs at once with none.
 *
 * @returns what `start` returned
 * @throws NotFoundError when the entity is still not readable after the wait
 * @throws NotAllowedError when the permission is denied, or the entity's namespace
 *   does not allow its owner
 * @throws InputError when the entity is not an ml-model Component, or the input
 *   names objects that are not the entity's
 * @internal
 */
export async function startAsInitiator<T>(
  ctx: AccessContext,
  options: InitiatorAccessOptions,
  request: InitiatorMutationRequest,
  start: (
    model: MlopsModelCoordinates | undefined,
  ) => Promise<InitiatorMutationStart<T>>,
): Promise<T> {
  const { action, permission, entityRef } = request;
  if (!entityRef) return (await start(undefined)).value;
  const credentials = await ctx.getInitiatorCredentials();
  const waitMs = ctx.isDryRun
    ? 0
    : options.entityWaitMs ?? DEFAULT_ENTITY_WAIT_MS;
  return MlopsModelMutations.create(options).run(
    { action, permission, entityRef, credentials, via: 'scaffolder' },
    {
      locate: async () => {
        const entity = await waitUntilReadable(ctx, options.catalog, {
          entityRef,
          permissionName: permission.name,
          credentials,
          waitMs,
        });
        if (entity) return { entity, entityRef };
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
      },
      perform: async ({ target }) => {
        const model = target
          ? await coordinatesCoveringTarget(
              action,
              entityRef,
              target.entity,
              request.target,
              options,
            )
          : undefined;
        const started = await start(model);
        const dryRun = Boolean(ctx.isDryRun);
        return {
          value: started.value,
          audit: clusterWriteAudit({
            object: started.object,
            dryRun,
            changed: !dryRun && started.object.name !== '',
          }),
        };
      },
    },
  );
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
