import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  MlopsModelMutations,
  type MlopsModelMutationOutcome,
} from '@backstage-mlops/plugin-mlops-node';
import type { Request } from 'express';
import type { ModelAccess, ModelTarget } from './ModelAccess';

export { clusterWriteAudit } from '@backstage-mlops/plugin-mlops-node';

/**
 * One change of a model's cluster objects through one of the backend's entry points.
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
  /** The entry point: an HTTP route or Backstage's actions registry (AI agents, MCP). */
  via: 'http' | 'actions-registry';
  /** The HTTP request of a route, so the audit event records its caller and address. */
  request?: Request;
}

/**
 * The backend's entry points to mlops-node's {@link MlopsModelMutations} (the one
 * authorization and audit path, shared with the scaffolder's run actions): the
 * entity is found for a mutation through {@link ModelAccess} (catalog read access,
 * annotations, the namespace allowing its owner).
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
      MlopsModelMutations.create({
        permissions: options.permissions,
        auditor: options.auditor,
      }),
    );
  }

  private constructor(
    private readonly access: Pick<ModelAccess, 'resolve'>,
    private readonly mutations: MlopsModelMutations,
  ) {}

  async run<T>(
    request: ModelMutationRequest,
    steps: {
      /** Checks the input (body, headers, params); throws `InputError` naming the field. */
      check?(): void;
      perform(input: {
        target: ModelTarget;
        triggeredBy: string;
      }): Promise<MlopsModelMutationOutcome<T>>;
    },
  ): Promise<T> {
    return this.mutations.run(request, {
      check: steps.check,
      locate: () =>
        this.access.resolve(request.entityRef, request.credentials, 'mutation'),
      perform: steps.perform,
    });
  }
}
