import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { isMlModelEntity } from '@backstage-mlops/plugin-mlops-common';

/**
 * The entry point a mutation of a model's cluster objects came through: the backend's HTTP
 * action routes, Backstage's actions registry (AI agents, MCP clients), or a
 * scaffolder template step (with the credentials of the user who started the task).
 *
 * @public
 */
export type MlopsMutationEntryPoint =
  | 'http'
  | 'actions-registry'
  | 'scaffolder';

/**
 * One change of a model's cluster objects, whichever entry point it came through.
 *
 * @public
 */
export interface MlopsModelMutationRequest {
  /**
   * What is done: the mutation route's name (`run-training`) or the actions registry's or
   * scaffolder's action id (`mlops:training:run`); the audit event's `meta.action`.
   */
  action: string;
  /** The permission it needs, with the model entity as resource. */
  permission: ResourcePermission<'catalog-entity'>;
  /** The model, as a normalized entity ref (the audit event's `meta.entityRef`). */
  entityRef: string;
  /** Who asks: the HTTP caller, the actions registry's caller, or the task's user. */
  credentials: BackstageCredentials;
  /** The entry point (the audit event's `meta.via`). */
  via: MlopsMutationEntryPoint;
  /** The HTTP request of a route, so the audit event records its caller and address. */
  request?: AuditorServiceCreateEventOptions['request'];
}

/**
 * The model entity an entry point found for a mutation: read with the caller's credentials,
 * so the catalog's own read permission applies.
 *
 * @public
 */
export interface MlopsMutationTarget {
  /** The entity, as the catalog gave it to the caller. */
  entity: Entity;
  /** The entity's normalized ref. */
  entityRef: string;
}

/**
 * What a mutation did: its value for the caller and what the audit event adds.
 *
 * @public
 */
export interface MlopsModelMutationOutcome<T> {
  /** What `run` resolves to. */
  value: T;
  /** What the audit event's success adds to its `meta`, e.g. {@link clusterWriteAudit}. */
  audit: JsonObject;
}

/**
 * The steps of one mutation that depend on its entry point.
 *
 * @public
 */
export interface MlopsModelMutationSteps<
  TTarget extends MlopsMutationTarget | undefined,
  T,
> {
  /** Checks the input (body, headers, params); throws `InputError` naming the field. */
  check?(): void;
  /**
   * Finds the model entity with the caller's credentials (the backend: catalog read
   * access and the namespace through `MlopsEntityResolver`; the scaffolder: waiting
   * for an entity an earlier step registered). `undefined` only for a dry run whose
   * entity is not in the catalog yet: nothing is checked and nothing may change.
   */
  locate(): Promise<TTarget>;
  /** The change itself, once allowed. */
  perform(input: {
    target: TTarget;
    triggeredBy: string;
  }): Promise<MlopsModelMutationOutcome<T>>;
}

/**
 * What the audit event of a cluster write records of its outcome: the object acted
 * on, whether it was a dry run, whether anything changed.
 *
 * @public
 */
export function clusterWriteAudit(outcome: {
  object: { kind: string; namespace: string; name: string };
  dryRun: boolean;
  changed: boolean;
}): JsonObject {
  return {
    object: {
      kind: outcome.object.kind,
      namespace: outcome.object.namespace,
      name: outcome.object.name,
    },
    dryRun: outcome.dryRun,
    changed: outcome.changed,
  };
}

/**
 * Who triggered a mutation, as the cluster objects record it: the user's entity ref,
 * or the subject of a service principal.
 */
function triggeredByOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

/** The refusal an entry point's caller reads when the permission is not granted. */
function refusalMessage(request: MlopsModelMutationRequest): string {
  const { action, entityRef, permission } = request;
  if (request.via === 'scaffolder') {
    return `${action}: the user who started this task may not act on ${entityRef} (permission ${permission.name} denied); nothing was started, and someone allowed to act on the model (e.g. a member of its owner) can do it from its page in the portal`;
  }
  return `you may not do this on ${entityRef}: permission ${permission.name} is not granted`;
}

/**
 * The one authorization and audit path of every mutation of a model's cluster
 * objects, whichever entry point it comes through (the backend's mutation routes, the actions
 * registry's `mlops:run-training`, the scaffolder's run actions): an audit event
 * (`mlops-action`, severity medium, with the action, the entity and the entry point) opened
 * first, so every refusal is recorded too; the entry point's checks of the input; the entity
 * found by the entry point with the caller's credentials; an `ml-model` Component only; the
 * action's permission with the entity as resource (a `NotAllowedError` naming the
 * permission); then the change itself. The event ends as a success with what the
 * change reports, or a failure with the error.
 *
 * @public
 */
export class MlopsModelMutations {
  /** Uses the permission framework and the auditor of the plugin or module. */
  static create(options: {
    permissions: PermissionsService;
    auditor: AuditorService;
  }): MlopsModelMutations {
    return new MlopsModelMutations(options.permissions, options.auditor);
  }

  private constructor(
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
  ) {}

  /**
   * Runs one mutation through the path; resolves to what `perform` returned, or
   * rejects with the refusal or the error (recorded in the audit event either way).
   */
  async run<TTarget extends MlopsMutationTarget | undefined, T>(
    request: MlopsModelMutationRequest,
    steps: MlopsModelMutationSteps<TTarget, T>,
  ): Promise<T> {
    const audit = await this.auditor.createEvent({
      eventId: 'mlops-action',
      severityLevel: 'medium',
      ...(request.request ? { request: request.request } : {}),
      meta: {
        action: request.action,
        entityRef: request.entityRef,
        via: request.via,
      },
    });
    try {
      steps.check?.();
      const target = await steps.locate();
      if (target !== undefined) {
        await this.authorize(request, target);
      }
      const outcome = await steps.perform({
        target,
        triggeredBy: triggeredByOf(request.credentials),
      });
      await audit.success({
        meta:
          target === undefined
            ? { ...outcome.audit, checked: false }
            : outcome.audit,
      });
      return outcome.value;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  private async authorize(
    request: MlopsModelMutationRequest,
    target: MlopsMutationTarget,
  ): Promise<void> {
    if (!isMlModelEntity(target.entity)) {
      throw new InputError(`${target.entityRef} is not an ml-model Component`);
    }
    const [decision] = await this.permissions.authorize(
      [{ permission: request.permission, resourceRef: target.entityRef }],
      { credentials: request.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(refusalMessage(request));
    }
  }
}
