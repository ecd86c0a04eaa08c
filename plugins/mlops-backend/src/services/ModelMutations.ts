import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { isMlModelEntity } from '@backstage-mlops/plugin-mlops-common';
import type { Request } from 'express';
import type { ModelAccess, ModelTarget } from './ModelAccess';

/**
 * One change of a model's cluster objects, whichever door it came through.
 *
 * @internal
 */
export interface ModelMutationRequest {
  /** The action's name, e.g. `run-training` (the audit event's `meta.action`). */
  action: string;
  /** The permission it needs, with the entity as resource. */
  permission: ResourcePermission<'catalog-entity'>;
  /** The model, as a normalized entity ref. */
  entityRef: string;
  credentials: BackstageCredentials;
  /** The door: an HTTP route or Backstage's actions registry (AI agents, MCP). */
  via: 'http' | 'actions-registry';
  /** The HTTP request of a route, so the audit event records its caller and address. */
  request?: Request;
}

/**
 * What a mutation did: its value for the caller and what the audit event adds.
 *
 * @internal
 */
export interface ModelMutationOutcome<T> {
  value: T;
  audit: JsonObject;
}

/**
 * What the audit event of a cluster action records of its outcome: the object acted
 * on, whether it was a dry run, whether anything changed.
 *
 * @internal
 */
export function clusterActionAudit(outcome: {
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

/**
 * The one authorization and audit path of every mutation of a model's cluster
 * objects (the action routes and the actions registry's `mlops:run-training`): an
 * audit event (`mlops-action`, severity medium, with the action, the entity and the
 * door) opened first, so every refusal is recorded too; the caller's checks of the
 * input; the entity resolved for a mutation through {@link ModelAccess} (catalog read
 * access, annotations, the namespace allowing its owner); an `ml-model` Component
 * only; the action's permission with the entity as resource; then the change itself.
 * The event ends as a success with what the change reports, or a failure with the
 * error.
 *
 * @internal
 */
export class ModelMutations {
  static create(options: {
    access: Pick<ModelAccess, 'resolve'>;
    permissions: PermissionsService;
    auditor: AuditorService;
  }): ModelMutations {
    return new ModelMutations(
      options.access,
      options.permissions,
      options.auditor,
    );
  }

  private constructor(
    private readonly access: Pick<ModelAccess, 'resolve'>,
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
  ) {}

  async run<T>(
    request: ModelMutationRequest,
    steps: {
      /** Checks the input (body, headers, params); throws `InputError` naming the field. */
      check?(): void;
      perform(input: {
        target: ModelTarget;
        triggeredBy: string;
      }): Promise<ModelMutationOutcome<T>>;
    },
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
      const target = await this.access.resolve(
        request.entityRef,
        request.credentials,
        'mutation',
      );
      if (!isMlModelEntity(target.entity)) {
        throw new InputError(
          `${target.entityRef} is not an ml-model Component`,
        );
      }
      const [decision] = await this.permissions.authorize(
        [{ permission: request.permission, resourceRef: target.entityRef }],
        { credentials: request.credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `you may not do this on ${target.entityRef}: permission ${request.permission.name} is not granted`,
        );
      }
      const outcome = await steps.perform({
        target,
        triggeredBy: triggeredByOf(request.credentials),
      });
      await audit.success({ meta: outcome.audit });
      return outcome.value;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }
}
